#!/usr/bin/env bash
# Run Tonus as a clinic server (make serve): prepare the data folder and database, collect the
# static files (hashed, compressed), then the task worker alongside gunicorn. Stop with Ctrl-C
# or SIGTERM (systemd): both processes stop.
#
# Environment (see docs/deploy.md): TONUS_BIND (127.0.0.1:8000), TONUS_WEB_WORKERS (2),
# TONUS_WEB_THREADS (4), plus every TONUS_* setting (TONUS_DATA_DIR, TONUS_DATABASE_URL,
# TONUS_HTTPS, TONUS_ALLOWED_HOSTS, ...). TONUS_NO_WORKER=1 runs gunicorn only (a second app
# server whose worker runs elsewhere). Extra gunicorn flags: GUNICORN_CMD_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${TONUS_BIN:-.venv/bin}
BIND=${TONUS_BIND:-127.0.0.1:8000}

"$BIN/python" manage.py tonus_init
"$BIN/python" manage.py migrate --no-input
"$BIN/python" manage.py collectstatic --no-input --verbosity 0

worker="" web=""
if [[ "${TONUS_NO_WORKER:-0}" != 1 ]]; then
    "$BIN/python" manage.py db_worker &
    worker=$!
fi
stop() {
    for pid in $web $worker; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in $web $worker; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 0' INT TERM

echo "Tonus is serving at http://$BIND (gunicorn; static files by WhiteNoise)"
# gthread workers: a slow upload does not hold a whole process; photo decodes are capped per
# process in tonus.vision.intake, so memory stays bounded however many uploads arrive at once.
"$BIN/gunicorn" tonus.web.wsgi \
    --bind "$BIND" \
    --worker-class gthread \
    --workers "${TONUS_WEB_WORKERS:-2}" \
    --threads "${TONUS_WEB_THREADS:-4}" \
    --timeout 120 --graceful-timeout 20 \
    --max-requests 2000 --max-requests-jitter 200 \
    --access-logfile - &
web=$!
wait "$web"
