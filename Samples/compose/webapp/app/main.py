"""Minimal webapp API used by the Batten sample stack."""

import os

from fastapi import FastAPI

app = FastAPI(title="webapp", debug=os.environ.get("DEBUG") == "true")


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/")
def index() -> dict[str, str]:
    return {"service": "webapp"}
