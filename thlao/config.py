"""The site plugin's settings, typed, as mkdocs.yml gives them under `plugins: - thlao:`.

The build, `make check-data`, the form intake and the other tools all read these same settings
from mkdocs.yml (`load`), so they can never disagree on where the data is or how long a
status stays fresh. Paths are relative to mkdocs.yml.
"""
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load


class ThlaoConfig(base.Config):
    # the data files (data/*.yml), their JSON Schemas, and the interface words (labels/<lang>.yml)
    data_dir = c.Dir(exists=True, default="data")
    schemas_dir = c.Dir(exists=True, default="schemas")
    labels_dir = c.Dir(exists=True, default="labels")
    # the preferred terms the data check holds the data's texts to
    terms_file = c.File(exists=True, default="terms.yml")
    # a record whose status was not confirmed for this many months is listed for review
    review_after_months = c.Type(int, default=12)


def load(config_file: Path) -> ThlaoConfig:
    """The thlao plugin's settings in config_file (mkdocs.yml), checked as a build checks them."""
    config_file = Path(config_file).resolve()
    with config_file.open("rb") as fd:
        site = yaml_load(fd)
    entries = [p for p in site.get("plugins", []) if p == "thlao" or isinstance(p, dict) and "thlao" in p]
    options = (entries[0].get("thlao") if entries and isinstance(entries[0], dict) else None) or {}
    settings = ThlaoConfig(config_file_path=str(config_file))
    settings.load_dict(options)
    errors, _ = settings.validate()
    if errors:
        raise ConfigurationError("; ".join(f"plugins.thlao.{key}: {error}" for key, error in errors))
    return settings
