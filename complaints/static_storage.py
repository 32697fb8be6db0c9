"""Static files that work with or without ``collectstatic``."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """collectstatic's hashed, compressed names (cached for a year) for every file
    its manifest lists. A file it does not list, every file until collectstatic has
    run, or one added to the apps since, keeps its own name, which WhiteNoise
    serves from the apps' folders (WHITENOISE_USE_FINDERS): a fresh production
    start, or an upgrade without collectstatic, shows its pages instead of a 500."""

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # Not in the manifest (manifest_strict).
            return name
