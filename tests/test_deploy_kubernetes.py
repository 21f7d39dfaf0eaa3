"""The Zero to JupyterHub deployment (deploy/kubernetes/), checked offline: its values against the
chart's own schema, the image recipe, and the sizes it gives a student. No cluster, no Docker."""

import fnmatch
import functools
import json
import pathlib
import re
import shlex
import tomllib

import jsonschema
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
KUBERNETES = ROOT / "deploy" / "kubernetes"
# Measured: a student's server and kernel together take about 200 MB (docs/teaching.md, Sizing),
# read here as MiB, the larger of the two readings.
MEASURED_BYTES_PER_STUDENT = 200 * 1024 * 1024


def load_yaml(name):
    return yaml.safe_load((KUBERNETES / name).read_text())


@functools.cache
def schema():
    return json.loads((KUBERNETES / "values.schema.json").read_text())


def helm_merge(defaults, overrides):
    """The values Helm validates: the chart's defaults with ours laid over them, maps merged key
    by key, anything else replaced, and a key set to null removed."""
    merged = dict(defaults)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def schema_errors(values):
    """What the chart's schema says of these values, as (path, message) pairs; [] if valid."""
    validator_class = jsonschema.validators.validator_for(schema())
    validator = validator_class(schema())
    merged = helm_merge(load_yaml("chart-default-values.yaml"), values)
    return sorted(("/".join(map(str, error.absolute_path)), error.message) for error in validator.iter_errors(merged))


def byte_size(value):
    """A memory size as JupyterHub reads it (ByteSpecification): K, M, G, T are powers of 1024."""
    units = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
    if isinstance(value, (int, float)):
        return int(value)
    number, unit = re.fullmatch(r"([0-9.]+)([KMGT])", value).groups()
    return int(float(number) * units[unit])


def dockerfile_instructions():
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    lines = [line for line in (KUBERNETES / "Dockerfile").read_text().splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined.splitlines() if line.strip()]


def run_commands():
    """Every shell command of the Dockerfile's RUN instructions, each as a list of words."""
    commands = []
    for keyword, arguments in dockerfile_instructions():
        if keyword == "RUN":
            commands += [shlex.split(command) for command in arguments.split("&&")]
    return commands


def copied_sources():
    """The build-context paths the Dockerfile copies in, with the folder each goes to."""
    copies = []
    for keyword, arguments in dockerfile_instructions():
        if keyword == "COPY":
            words = [word for word in arguments.split() if not word.startswith("--")]
            copies += [(source, words[-1]) for source in words[:-1]]
    return copies


def dockerignored(path):
    """Whether .dockerignore keeps this top-level path of the repository out of the build context."""
    patterns = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and not line.startswith("#")]
    return any(fnmatch.fnmatch(path, pattern.removeprefix("**/")) for pattern in patterns)


# --- the values against the chart's schema ----------------------------------------------

def test_the_values_are_valid_for_the_chart():
    assert schema()["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema_errors(load_yaml("values.yaml")) == []


@pytest.mark.parametrize("path, key, misspelt", [
    (["singleuser", "memory"], "guarantee", "guarentee"),
    ([], "prePuller", "prepuller"),
    (["cull"], "timeout", "timeOut"),
])
def test_a_misspelt_key_is_refused(path, key, misspelt):
    values = load_yaml("values.yaml")
    section = functools.reduce(dict.__getitem__, path, values)
    section[misspelt] = section.pop(key)
    assert schema_errors(values) == [
        ("/".join(path), f"Additional properties are not allowed ('{misspelt}' was unexpected)")
    ]


def test_a_value_of_the_wrong_type_is_refused():
    values = load_yaml("values.yaml")
    values["cull"]["timeout"] = "1 hour"
    values["singleuser"]["cpu"]["limit"] = "1 core"
    assert schema_errors(values) == [
        ("cull/timeout", "'1 hour' is not of type 'integer', 'null'"),
        ("singleuser/cpu/limit", "'1 core' is not of type 'number', 'null'"),
    ]


def test_a_value_set_to_null_drops_the_charts_default():
    values = load_yaml("values.yaml")
    values["singleuser"]["image"] = {"name": None, "tag": "0.1.0"}
    assert schema_errors(values) == [("singleuser/image", "'name' is a required property")]


# --- what a student gets ----------------------------------------------------------------

def test_byte_sizes_are_read_as_jupyterhub_reads_them():
    assert byte_size("256M") == 256 * 1024**2
    assert byte_size("1G") == 1024**3
    assert byte_size("1.5G") == 3 * 512 * 1024**2
    assert byte_size(1000) == 1000


def test_a_student_is_guaranteed_the_memory_and_cpu_measured():
    singleuser = load_yaml("values.yaml")["singleuser"]
    guarantee, limit = byte_size(singleuser["memory"]["guarantee"]), byte_size(singleuser["memory"]["limit"])
    assert MEASURED_BYTES_PER_STUDENT <= guarantee <= limit
    assert 0 < singleuser["cpu"]["guarantee"] <= singleuser["cpu"]["limit"]


def test_the_exchange_volume_is_where_nbgrader_looks_for_it():
    storage = load_yaml("values.yaml")["singleuser"]["storage"]
    [mount] = storage["extraVolumeMounts"]
    [volume] = [volume for volume in storage["extraVolumes"] if volume["name"] == mount["name"]]
    claim = load_yaml("exchange-pvc.yaml")
    assert volume["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    config_lines = [word for command in run_commands() for word in command if word.startswith("c.")]
    assert f'c.Exchange.root = "{mount["mountPath"]}"' in config_lines
    assert 'c.CourseDirectory.course_id = "nn-from-scratch"' in config_lines


# --- the image --------------------------------------------------------------------------

def test_the_base_image_is_pinned():
    [image] = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "FROM"]
    name, _, tag = image.partition(":")
    assert name == "quay.io/jupyter/base-notebook"
    # a build date or a digest: "latest", "python-3.12" and the like move to new builds
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", tag) or "@sha256:" in tag, tag


def test_the_image_installs_the_course_as_a_package_with_nbgrader_and_nbgitpuller():
    [pip] = [command for command in run_commands() if command[:2] == ["pip", "install"]]
    assert "-e" not in pip and "--editable" not in pip
    assert "nbgitpuller==1.3.0" in pip
    # the teach extra, not hub: that one pins a JupyterHub of another major version than the chart's
    [course] = [word for word in pip if word.endswith("]")]
    source = re.fullmatch(r"(/.+)\[teach\]", course).group(1)
    assert source in {destination.rstrip("/") for _, destination in copied_sources()}
    assert ["rm", "-rf", source] in run_commands()


def test_the_image_copies_everything_the_package_is_built_from():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    needed = {"pyproject.toml", pyproject["project"]["readme"], *wheel["only-include"], *wheel["shared-data"]}
    sources = {source for source, _ in copied_sources()}
    assert {path for path in needed if not any(path == s or path.startswith(s + "/") for s in sources)} == set()


def test_the_build_context_keeps_what_the_image_copies_and_drops_the_virtual_environments():
    assert [source for source, _ in copied_sources() if dockerignored(source)] == []
    assert [path for path in (".venv", ".venv-hub", ".git", "student", "mutants") if not dockerignored(path)] == []
