"""nginx in front of the Rasa processes: configuration from
``deploy/nginx.conf.template``, its own prefix folder, in the foreground."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path
from typing import Sequence

from bot.paths import PROJECT_ROOT
from bot.production.processes import ManagedProcess, ServiceError, chown_tree, service_user

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx.conf.template"
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_configuration(folder: Path, listen_host: str, listen_port: int, rasa_ports: Sequence[int],
                        worker_user: str | None, template: Path = TEMPLATE) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in rasa_ports)
    values = {
        "@FOLDER@": str(folder),
        "@USER_LINE@": f"user {worker_user};" if worker_user else "",
        "@UPSTREAM_SERVERS@": servers,
        "@LISTEN@": f"{listen_host}:{listen_port}",
    }
    text = template.read_text(encoding="utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


class LocalNginx:
    def __init__(self, folder: Path, listen_host: str, listen_port: int, rasa_ports: Sequence[int]) -> None:
        executable = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(executable).exists():
            raise ServiceError("nginx ontbreekt; voer scripts/install-production-services.sh uit")
        self.folder = folder
        self.config_file = folder / "nginx.conf"
        self.listen = (listen_host, listen_port)
        self.rasa_ports = list(rasa_ports)
        self.worker = service_user("www-data")
        self.process = ManagedProcess(
            "nginx", [executable, "-c", str(self.config_file), "-p", str(folder), "-e", str(folder / "error.log")],
            folder / "nginx.log", port=listen_port, stop_signal=signal.SIGQUIT)

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in TEMP_FOLDERS:
            (self.folder / name).mkdir(exist_ok=True)
            chown_tree(self.folder / name, self.worker)
        self.config_file.write_text(
            nginx_configuration(self.folder, *self.listen, self.rasa_ports,
                                self.worker.pw_name if self.worker else None), encoding="utf-8")
        self.process.start(wait_seconds=30)

    def stop(self) -> None:
        self.process.stop()
