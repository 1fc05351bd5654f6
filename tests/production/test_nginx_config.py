"""The nginx configurations of the production set-up are valid (``nginx -t``)
and spread requests over every Rasa process, keeping a browser on one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.production.nginx import nginx_configuration
from production_services import service_folder

TLS_EXAMPLE = PROJECT_ROOT / "deploy" / "nginx-tls.conf.example"


def nginx_test(config: Path, prefix: Path) -> subprocess.CompletedProcess:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.run([nginx, "-t", "-c", str(config), "-p", str(prefix), "-e", str(prefix / "error.log")],
                          capture_output=True, text=True)


def test_generated_configuration_is_valid_and_names_every_process(production_services_installed):
    with service_folder("nginx") as folder:
        text = nginx_configuration(folder, "127.0.0.1", 8089, [5010, 5011, 5012], worker_user=None)
        for port in (5010, 5011, 5012):
            assert f"server 127.0.0.1:{port} " in text
        assert "hash $kernteamwijzer_route consistent;" in text and "@" not in text  # every placeholder filled in
        config = folder / "nginx.conf"
        config.write_text(text, encoding="utf-8")
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / name).mkdir()
        result = nginx_test(config, folder)
        assert result.returncode == 0, result.stderr


def test_documented_tls_example_is_valid(production_services_installed):
    with service_folder("nginx-tls") as folder:
        certificate, key = folder / "cert.pem", folder / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=kernteamwijzer.example.nl", "-keyout", str(key), "-out", str(certificate)],
                       check=True, capture_output=True)
        site = TLS_EXAMPLE.read_text(encoding="utf-8").replace(
            "/etc/ssl/certs/kernteamwijzer.pem", str(certificate)).replace(
            "/etc/ssl/private/kernteamwijzer.key", str(key))
        (folder / "site.conf").write_text(site, encoding="utf-8")
        config = folder / "nginx.conf"
        config.write_text(f"pid {folder}/nginx.pid;\nevents {{}}\nhttp {{\n    include {folder}/site.conf;\n}}\n",
                          encoding="utf-8")
        result = nginx_test(config, folder)
        assert result.returncode == 0, result.stderr
