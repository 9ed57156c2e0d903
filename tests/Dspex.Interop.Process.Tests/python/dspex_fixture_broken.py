"""A module whose import fails, for the start-failure tests."""

import this_module_does_not_exist_anywhere  # noqa: F401
