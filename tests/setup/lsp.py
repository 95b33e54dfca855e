"""A small Language Server Protocol client over stdio, enough to drive yaml-language-server (the engine
of VS Code's YAML extension) as an editor would: open a document, read its diagnostics, ask for
completion. Bounded in time; the server is ended with the client."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

TIMEOUT_SECONDS = 60


class LanguageServer:
    def __init__(self, command: list[str], root: Path, settings: dict[str, Any], locale: str = "zh-cn") -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.settings = settings
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.versions: dict[str, int] = {}
        self._next_id = 0
        threading.Thread(target=self._read_forever, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "locale": locale,
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False}},
                    "textDocument": {"completion": {"completionItem": {"snippetSupport": False}}},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # --- wire -------------------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def _read_forever(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            self.messages.put(json.loads(stream.read(length)))

    def _pump(self, deadline: float) -> dict[str, Any]:
        """The next message from the server; answers its requests and keeps its diagnostics."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("yaml-language-server did not answer in time")
        message = self.messages.get(timeout=remaining)
        if "method" in message and "id" in message:  # a request from the server
            result: Any = None
            if message["method"] == "workspace/configuration":
                result = [self.settings.get(item.get("section", ""), {}) for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        elif message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        return message

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            message = self._pump(deadline)
            if message.get("id") == ident and "method" not in message:
                return message.get("result")

    # --- what an editor does ------------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """Open a document; its diagnostics once the server has validated it."""
        uri = path.resolve().as_uri()
        self.diagnostics.pop(uri, None)
        version = self.versions[uri] = self.versions.get(uri, 0) + 1
        document = {"uri": uri, "languageId": "yaml", "version": version, "text": text or path.read_text("utf-8")}
        self.notify("textDocument/didOpen", {"textDocument": document})
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while uri not in self.diagnostics:
            self._pump(deadline)
        return self.diagnostics[uri]

    def complete(self, path: Path, line: int, character: int) -> list[str]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": path.resolve().as_uri()}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
