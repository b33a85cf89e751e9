# Sourced by the scripts that run pinned Python (check_mlflow.sh, check_onnx.sh,
# digits_images.sh): one way to get a virtual environment with exactly the
# versions of a requirements file.
#
#   ensure_venv TAG VENV REQUIREMENTS
#
# Installs python3, python3-venv and python3-pip with apt-get (sudo when not
# root) when the machine has no Python with venv/ensurepip, and (re)creates VENV
# from REQUIREMENTS when it is missing or was made from a different file (a copy
# of the file is kept in VENV to compare). TAG prefixes the messages.
ensure_venv() {
    local tag="$1" venv="$2" requirements="$3"
    if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
        local sudo=()
        if [[ "$(id -u)" != "0" ]]; then sudo=(sudo); fi
        echo "$tag: installing python3 python3-venv python3-pip"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            python3 python3-venv python3-pip
    fi
    if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
        echo "$tag: installing $(grep -v '^#' "$requirements" | tr '\n' ' ')into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
        cp "$requirements" "$venv/requirements.txt"
    fi
}

# The logit executable to check: $LOGIT_EXECUTABLE, else the debug build (built if needed).
logit_executable() {
    if [[ -n "${LOGIT_EXECUTABLE:-}" ]]; then
        echo "$LOGIT_EXECUTABLE"
    else
        swift build --product logit >&2
        echo "$(swift build --show-bin-path)/logit"
    fi
}
