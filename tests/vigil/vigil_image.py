"""Root images for Vigil's system tests (spec/vigil.md VIG-100..107).

build_image() stages the shipped root file system (src/rootfs: the capability policies), the
build's vigil, vigiltest, vigictl, shutdown and reboot for one flavour (sim: host builds, musl: QEMU builds) under /bin,
service directories under /etc/vigil/services and any extra files, and makes an ext2 image of it
with tools/mkrootfs.  Booted as the only module it gives Vigil as PID 1 with the shipped policy,
on both builds (QEMU's PVH loader carries exactly one module).
"""
import os
import shutil
import subprocess

ROOT = os.environ.get("AEGIS_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SERVICES = "etc/vigil/services"
FILES = ("run", "policy", "mode", "user", "after")


def service(**files):
    """A service directory: file name -> bytes or str (run, policy, mode, user, after, ...)."""
    return {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def build_image(tmp, build, flavour, services, extra=None, name="root.img", shipped=False):
    """Make tmp/name; services {name: service(...)} (None: no services directory at all);
    extra {path: bytes, str, or ("copy", host path)}; shipped: keep src/rootfs's own services
    (then services must be None).  Returns the image path."""
    stage = os.path.join(tmp, name + ".d")
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "src", "rootfs"), stage)
    # The shipped services (getty, dhcp) are the system's, not the test's: each test names its own.
    if not shipped:
        shutil.rmtree(os.path.join(stage, SERVICES), ignore_errors=True)
    programs = os.path.join(build, "user", flavour)
    files = dict(extra or {})
    for prog in ("vigil", "vigiltest", "vigictl", "shutdown", "reboot"):
        files["bin/" + prog] = ("copy", os.path.join(programs, prog))
    for svc, contents in (services or {}).items():
        os.makedirs(os.path.join(stage, SERVICES, svc), exist_ok=True)
        for fname, data in contents.items():
            files["%s/%s/%s" % (SERVICES, svc, fname)] = data
    if services is not None or shipped:
        os.makedirs(os.path.join(stage, SERVICES), exist_ok=True)
    for path, data in files.items():
        target = os.path.join(stage, path)
        if isinstance(data, tuple):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy(data[1], target)
        else:
            _write(target, data)
    image = os.path.join(tmp, name)
    subprocess.run([os.path.join(ROOT, "tools", "mkrootfs"), stage, image], check=True)
    return image
