#!/usr/bin/env bash
# A base image for the container, made from Debian packages alone: for a machine that reaches
# Debian's package archive but no container registry. Needs root and debootstrap
# (apt-get install -y debootstrap). Writes a `docker save`-style tarball that Jib reads:
#
#   deploy/base-image.sh target/base-image.tar
#   mvn -B -Pimage -DskipTests -Dimage.base=tar://$PWD/target/base-image.tar package jib:buildTar
#
# Debian 12 (minbase) + openjdk-17-jre-headless, and the user 1000 (ghost) the service runs as:
# initdb refuses a user it cannot look up.
set -euo pipefail
out=$(realpath -m "${1:-target/base-image.tar}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$root"
chroot "$root" groupadd --gid 1000 ghost
chroot "$root" useradd --uid 1000 --gid 1000 --no-create-home --home-dir /var/lib/ghost-records \
  --shell /usr/sbin/nologin ghost
# a container runtime provides its own; other ways of running the image (a chroot) need one, or
# PostgreSQL cannot resolve localhost and does not start
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/* "$root"/tmp/*

mkdir -p "$work/image"
tar --numeric-owner --xattrs -C "$root" -cf "$work/image/layer.tar" .
python3 - "$work/image" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
h = hashlib.sha256()
with open(os.path.join(d, "layer.tar"), "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                       "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"]},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + h.hexdigest()]},
    "history": [{"created_by": "deploy/base-image.sh: debootstrap bookworm + openjdk-17-jre-headless"}],
}
with open(os.path.join(d, "config.json"), "w") as f:
    json.dump(config, f)
with open(os.path.join(d, "manifest.json"), "w") as f:
    json.dump([{"Config": "config.json", "RepoTags": ["ghost-records-base:bookworm-jre17"],
                "Layers": ["layer.tar"]}], f)
PY
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
ls -l "$out"
