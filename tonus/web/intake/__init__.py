"""The client's own intake before the visit: a single-use link, the public form, and the
therapist's review that brings the answers into the record."""
