#!/usr/bin/python3
"""The services the root file system ships (spec/vigil.md VIG-140): a normal boot of the shipped
image in the sim runs dhcp once as its own account and getty's /bin/login on the console."""
import os
import shutil
import tempfile

from aegis_sim import BUILD, run_sim
from tap import Tap
from vigil_image import build_image

SIM_TIMEOUT = 120
PROGRAMS = ("login", "dhcp")

t = Tap()
tmp = tempfile.mkdtemp(prefix="aegis-shipped-")
try:
    extra = {"bin/" + p: ("copy", os.path.join(BUILD, "user", "sim", p)) for p in PROGRAMS}
    image = build_image(tmp, BUILD, "sim", None, extra, name="shipped.img", shipped=True)
    r = run_sim(cmdline="boot=text", seed=8, args=["--module", image + ",rootfs"], timeout=SIM_TIMEOUT)
    lines = r.lines
    detail = "\n".join(lines[-40:])
    t.ok("vigil: started 'dhcp' (pid 2)" in lines or any(l.startswith("vigil: started 'dhcp'") for l in lines),
         "VIG-140 Vigil starts the shipped dhcp service", detail=detail)
    t.ok("[DHCP] no network interface, exiting" in lines and
         any(l.startswith("vigil: service 'dhcp' finished (oneshot)") for l in lines),
         "VIG-140 dhcp runs once as a oneshot and finds no interface", detail=detail)
    t.ok(not any("dhcp" in l and ("skipped" in l or "cannot" in l) for l in lines if l.startswith("vigil:")),
         "VIG-140 dhcp is dropped to its own account without an error", detail=detail)
    t.ok(any(l.startswith("vigil: started 'getty'") for l in lines) and any("login:" in l for l in lines),
         "VIG-140 getty runs /bin/login, which shows its prompt", detail=detail)
    graphical = run_sim(cmdline="boot=graphical", seed=8, args=["--module", image + ",rootfs"], timeout=SIM_TIMEOUT)
    t.ok(any(l.startswith("vigil: started 'getty'") for l in graphical.lines),
         "VIG-140 until bastion exists, getty runs in graphical mode too",
         detail="\n".join(graphical.lines[-30:]))
finally:
    shutil.rmtree(tmp, ignore_errors=True)
t.done()
