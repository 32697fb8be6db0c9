"""Settings for the test suite: production settings with a test key and
plain HTTP (the test client and the browser tests' live server speak HTTP)."""

import os
import tempfile

# The suite reads no `.env` (a developer's DEBUG=true must not change what is tested) and
# keeps nothing in the checkout: VAR_DIR is a folder that does not exist yet, which the
# settings create (tests/test_fresh_clone.py checks both). Subprocesses inherit these.
os.environ["ENV_FILE"] = ""
if "VAR_DIR" not in os.environ:
    os.environ["VAR_DIR"] = os.path.join(tempfile.mkdtemp(prefix="complaints-test-"), "var")
# Long and varied enough for the settings' rule on keys when DEBUG is off (as here).
os.environ.setdefault("SECRET_KEY", "test-suite-only-not-a-secret-but-long-enough-for-the-rule")
os.environ.setdefault("AUDIT_HMAC_KEY", "test-suite-only-audit-key-not-a-secret-but-long-enough")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")

from complaints.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# Tests sign in with force_login; the two-factor tests turn this on themselves.
REQUIRE_TWO_FACTOR = False

from pathlib import Path  # noqa: E402

# Files sent with complaints go to a folder of their own for the test run.
ATTACHMENTS_DIR = Path(tempfile.mkdtemp(prefix="complaints-test-attachments-"))
