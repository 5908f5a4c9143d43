#!/usr/bin/env bash
# Fetches the public data sets Atelier's algorithm tests and benchmarks check against, into
# `.data/` at the repository root (gitignored: the data is never committed, only small fixtures
# derived from it): the supermarket baskets check association rules against mlxtend; CDNOW checks
# lifetime-value models (BG/NBD, Gamma-Gamma), RFM features and segmentation.
#
#   scripts/data/fetch-public-data.sh
#
# Idempotent: a file already in place is left alone, so a second run does nothing and needs no
# network. Both sets come through the ordinary package clients (apt, pip), which work here
# without a direct internet download.
#
#   .data/weka/supermarket.arff     4,627 baskets x 216 departments (Weka's example data, from apt)
#   .data/cdnow/CDNOW_master.txt    23,570 customers' CD purchases (from the lifetimes 0.11.3 wheel)
#   .data/cdnow/CDNOW_sample.txt    its 2,357-customer sample
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

data_dir="$PWD/.data"
mkdir -p "$data_dir"

work="$(mktemp -d "${TMPDIR:-/tmp}/atelier-fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fetch_supermarket() {
  local target="$data_dir/weka/supermarket.arff"
  if [[ -s "$target" ]]; then
    echo "present: $target"
    return
  fi
  mkdir -p "$data_dir/weka"
  # apt-get download writes into the current folder and needs no root. As root, apt would hand
  # the download to its `_apt` user, who cannot write into a private temporary folder; the package
  # is only unpacked, never installed, so downloading as the invoking user is fine.
  # A fresh machine may have no package lists yet: refresh them once and try again.
  if ! (cd "$work" && apt-get download -o APT::Sandbox::User="$(id -un)" weka >/dev/null 2>&1); then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    (cd "$work" && apt-get download -o APT::Sandbox::User="$(id -un)" weka >/dev/null)
  fi
  dpkg -x "$work"/weka_*.deb "$work/weka"
  local examples="$work/weka/usr/share/doc/weka/examples"
  if [[ -f "$examples/supermarket.arff.gz" ]]; then
    gzip -dc "$examples/supermarket.arff.gz" >"$target.partial"
  elif [[ -f "$examples/supermarket.arff" ]]; then
    cp "$examples/supermarket.arff" "$target.partial"
  else
    echo "error: the weka package holds no examples/supermarket.arff[.gz]" >&2
    exit 1
  fi
  # Written under a temporary name and renamed, so an interrupted run never leaves a
  # truncated file that a later run would take as present.
  mv "$target.partial" "$target"
  echo "fetched: $target"
}

fetch_cdnow() {
  local dir="$data_dir/cdnow"
  if [[ -s "$dir/CDNOW_master.txt" && -s "$dir/CDNOW_sample.txt" ]]; then
    echo "present: $dir/CDNOW_master.txt, $dir/CDNOW_sample.txt"
    return
  fi
  mkdir -p "$dir"
  python3 -m pip download --quiet --no-deps --dest "$work" lifetimes==0.11.3
  local wheel
  # pip keeps the project's own spelling in the file name: "Lifetimes-0.11.3-py3-none-any.whl".
  wheel="$(ls "$work"/[Ll]ifetimes-0.11.3-*.whl)"
  python3 - "$wheel" "$dir" <<'PY'
import sys, zipfile, os
wheel, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    for name in ("CDNOW_master.txt", "CDNOW_sample.txt"):
        data = archive.read(f"lifetimes/datasets/{name}")
        partial = os.path.join(target, name + ".partial")
        with open(partial, "wb") as handle:
            handle.write(data)
        os.replace(partial, os.path.join(target, name))
PY
  echo "fetched: $dir/CDNOW_master.txt, $dir/CDNOW_sample.txt"
}

fetch_supermarket
fetch_cdnow
