"""Functions that raise, for comparing Python error details across in-process and process implementations."""


def _parse(text: str) -> int:
    return int(text)


def parse_count(text: str) -> int:
    try:
        return _parse(text)
    except ValueError as exc:
        raise LookupError(f"no count in {text!r}") from exc


def divide(a: int, b: int) -> float:
    return a / b


def maybe_name(key: str, fallback: str | None = None) -> str | None:
    return {"a": "Ada"}.get(key, fallback)
