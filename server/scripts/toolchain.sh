#!/usr/bin/env bash
# Sourced by the other scripts: makes sure this machine can build Nongdian (Rust with the wasm32
# target, cargo-leptos, wasm-bindgen matching Cargo.lock, wasm-opt, Node.js, Chromium) and exports
# what the build needs. Idempotent: after the first run it takes seconds.
#
# Normally `rustup target add wasm32-unknown-unknown` provides the wasm target. Where rustup cannot
# download it, the build environment's ../shared/wasm-toolchain.sh provides one instead (Debian's
# rustc with a locally built wasm32 std); its first run compiles tools for about 35 minutes.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED_TOOLCHAIN=${SHARED_TOOLCHAIN:-$ROOT/../shared/wasm-toolchain.sh}
WASM_TOOLCHAIN_PREFIX=${WASM_TOOLCHAIN_PREFIX:-${XDG_DATA_HOME:-$HOME/.local/share}/wasm-toolchain}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

say() { printf '\033[1;32m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "please install: ${missing[*]}"
    say "apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_system_packages() {
  local pkgs=(ca-certificates curl gcc pkg-config)
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  apt_install "${pkgs[@]}"
  command -v cargo >/dev/null || die "install Rust first: https://rustup.rs"
}

ensure_wasm_target() {
  if [ "${NONGDIAN_TOOLCHAIN:-}" != shared ] && command -v rustup >/dev/null \
     && timeout 300 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    NONGDIAN_TOOLCHAIN=rustup
  elif [ -f "$SHARED_TOOLCHAIN" ]; then
    say "rustup cannot add wasm32-unknown-unknown here: using $SHARED_TOOLCHAIN"
    bash "$SHARED_TOOLCHAIN" setup "$ROOT" >&2
    apt_install rust-web-clippy
    # shellcheck disable=SC1091
    . "$WASM_TOOLCHAIN_PREFIX/env"
    NONGDIAN_TOOLCHAIN=shared
  else
    die "cannot get the wasm32-unknown-unknown target: rustup target add failed"
  fi
  export NONGDIAN_TOOLCHAIN
}

tools_ready() {
  command -v cargo-leptos >/dev/null && command -v wasm-opt >/dev/null \
    && [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(wasm_bindgen_version)" ]
}

ensure_build_tools() {
  # Tools an earlier wasm-toolchain.sh run built are reused, whichever compiler is in use.
  export PATH="$WASM_TOOLCHAIN_PREFIX/bin:$HOME/.cargo/bin:$PATH"
  tools_ready && return
  if [ -f "$SHARED_TOOLCHAIN" ]; then
    # This build environment cannot download cargo-leptos' helper binaries at build time: the
    # shared script builds them (cargo-leptos without downloads, wasm-bindgen, wasm-opt).
    bash "$SHARED_TOOLCHAIN" setup "$ROOT" >&2
  else
    local want; want=$(wasm_bindgen_version)
    say "cargo install wasm-bindgen-cli@$want and cargo-leptos (takes a while)"
    cargo install --locked "wasm-bindgen-cli@$want" >&2
    cargo install --locked cargo-leptos@0.3.11 >&2   # fetches wasm-opt itself on first build
  fi
}

ensure_node_modules() {
  if [ ! -d "$ROOT/end2end/node_modules/playwright-core" ]; then
    say "npm ci in end2end/"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

# `app` is a cdylib + rlib, and cargo names those outputs without a hash: checkouts that share one
# target folder (CI's clones, a developer's tree) would otherwise link each other's copy whenever
# their own fingerprint looks fresh. Removing them makes every build produce its own.
forget_shared_app_outputs() {
  find "$CARGO_TARGET_DIR" -maxdepth 5 \( -name 'libapp.*' -o -name 'app.wasm' -o -name 'app.d' \) \
    -not -path '*/.fingerprint/*' -delete 2>/dev/null || true
}

ensure_system_packages
forget_shared_app_outputs
ensure_wasm_target
ensure_build_tools
ensure_node_modules
say "toolchain: $NONGDIAN_TOOLCHAIN ($(rustc --version)), $(cargo-leptos --version), $(wasm-bindgen --version)"
