from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "tonus.web.clients"
    label = "clients"
    verbose_name = "Clients"
