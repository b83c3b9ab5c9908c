"""A local SMTP server that keeps the mails it receives, and prints them readably.

``make serve`` runs it so that nothing leaves the machine during development; the tests use
the same handler to collect what the outbox worker really sent over SMTP.
"""

import argparse
import email
import email.policy
import threading
import time

from aiosmtpd.controller import Controller


class CollectingHandler:
    def __init__(self, echo=False):
        self.messages, self.echo, self._lock = [], echo, threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        if self.echo:
            body = message.get_body(preferencelist=("plain",))
            print(
                f"\n===== Courriel reçu par le serveur SMTP local =====\n"
                f"De : {message['From']}\nÀ : {message['To']}\n"
                f"Réponse à : {message['Reply-To'] or '-'}\nObjet : {message['Subject']}\n\n"
                f"{body.get_content() if body else ''}\n"
                f"===================================================",
                flush=True,
            )
        return "250 OK"

    def received(self):
        with self._lock:
            return list(self.messages)


def start(port, echo=False, host="127.0.0.1"):
    """Start the server in a thread; returns the Controller (``.handler``, ``.stop()``)."""
    controller = Controller(CollectingHandler(echo), hostname=host, port=port)
    controller.start()
    return controller


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8025)
    args = parser.parse_args()
    controller = start(args.port, echo=True)
    print(f"Serveur SMTP local sur 127.0.0.1:{args.port} : les courriels s'affichent ici.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
