"""A module whose import takes longer than the tests' start timeout."""

import time

time.sleep(30)
