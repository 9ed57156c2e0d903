"""A module whose import fails on a missing dependency (for the bridge's error-message test)."""

import not_installed_dependency_xyz  # noqa: F401


class Thing:
    pass
