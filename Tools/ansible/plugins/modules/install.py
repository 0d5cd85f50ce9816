#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Ansible module evlog.fleet.install: installs tools with evlog and reports the run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: install
short_description: Install developer tools with evlog, recorded in a tamper-evident log
description:
  - Runs C(evlog install --yes) for I(tools) under I(home). C(changed) only when a step ran.
  - Idempotent. When the last plan for the same tools in I(home) is done, or the plan resolves to no
    steps, nothing runs and C(changed) is false. Only a plan that ran in I(home) counts for a real install: a
    simulated, reproduced or imported plan installed nothing on the host. With I(simulate), a simulated plan done counts.
  - Check mode runs C(evlog plan --json) and reports C(changed) when the plan has steps.
  - On failure, the result carries the diagnosis (C(kind), C(evidence), C(remediations)).
options:
  tools: {description: Tools to install., type: list, elements: str, required: true}
  simulate: {description: Run against recorded outputs (nothing changes on the host)., type: bool, default: false}
  fixture_set: {description: With simulate, the recorded outputs to use (e.g. dpkg-interrupted)., type: str}
  remediate: {description: Apply automatic remediations when a step fails., type: bool, default: false}
  home: {description: The evlog home (plans live under home/plans)., type: path}
  seal: {description: Create the host key first when there is none, so the log is sealed., type: bool, default: false}
  evlog: {description: The evlog executable (a name on PATH or a path)., type: path, default: evlog}
  bundle: {description: Write the plan's bundle (evlog bundle) to this path on the host., type: path}
author: evlog project
"""

EXAMPLES = r"""
- evlog.fleet.install:
    tools: [ripgrep, jq]
    home: /var/lib/evlog
    seal: true
    bundle: /var/lib/evlog/host.evb
"""

RETURN = r"""
plan: {description: The plan id that ran (or the done plan found)., type: str, returned: when a plan exists}
steps_done: {description: Steps done by this run., type: int, returned: always}
kind: {description: The failure kind of the diagnosis., type: str, returned: failure}
evidence: {description: The output lines that support the diagnosis., type: list, returned: failure}
remediations: {description: What to do, ranked., type: list, returned: failure}
bundle: {description: The bundle written on the host., type: str, returned: when bundle is set}
simulated: {description: The plan was simulated (recorded outputs); nothing was installed on the host., type: bool, returned: always}
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule


def json_lines(text):
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except ValueError:
                pass
    return rows


class Evlog(object):
    """Runs the evlog CLI for one module invocation."""

    def __init__(self, module):
        self.module = module
        self.executable = module.get_bin_path(module.params["evlog"], required=True)
        home = module.params["home"]
        self.home_args = ["--home", home] if home else []

    def run(self, args, check=True, in_home=True):
        rc, out, err = self.module.run_command([self.executable] + args + (self.home_args if in_home else []))
        if check and rc != 0:
            self.module.fail_json(msg="evlog %s failed (exit %d): %s" % (args[0], rc, (err or out).strip()), rc=rc)
        return rc, out, err

    def plans(self):
        return json_lines(self.run(["list", "--json"])[1])

    def plans_for(self, tools, simulated):
        """The plans in home for exactly these tools: for a simulation the simulated ones, otherwise those that ran in
        home (`origin` home: a simulated, reproduced or imported plan installed nothing on this host)."""
        wanted = sorted(tools)
        origin = "simulated" if simulated else "home"
        return [row for row in self.plans() if sorted(row.get("tools", [])) == wanted and row.get("origin", "home") == origin]

    def diagnosis(self, plan):
        rows = json_lines(self.run(["diagnose", plan, "--json"], check=False)[1])
        return rows[0] if rows else {}


def main():
    module = AnsibleModule(
        argument_spec=dict(
            tools=dict(type="list", elements="str", required=True),
            simulate=dict(type="bool", default=False),
            fixture_set=dict(type="str"),
            remediate=dict(type="bool", default=False),
            home=dict(type="path"),
            seal=dict(type="bool", default=False),
            evlog=dict(type="path", default="evlog"),
            bundle=dict(type="path"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    tools = params["tools"]
    evlog = Evlog(module)
    simulated = params["simulate"]
    # A simulation resolves for the simulated host, as `evlog install --simulate` does.
    profile_args = ["--profile", "debian-container"] if simulated else []

    done = [row for row in evlog.plans_for(tools, simulated) if row.get("status") == "done"]
    if module.check_mode:
        report = json.loads(evlog.run(["plan", "--json"] + profile_args + tools)[1])
        steps = report.get("plan", {}).get("steps", [])
        module.exit_json(changed=not done and len(steps) > 0, steps_done=0, planned_steps=[step.get("id") for step in steps], simulated=simulated)

    if done:
        # The bundle of a plan already done is kept as is, so fetching it again changes nothing.
        if params["bundle"] and not os.path.exists(params["bundle"]):
            write_bundle(module, evlog, done[-1]["plan"])
        found = "already simulated by %s: nothing installed on this host" if simulated else "already installed by %s"
        module.exit_json(changed=False, plan=done[-1]["plan"], steps_done=0, msg=found % done[-1]["plan"],
                         bundle=params["bundle"], simulated=simulated)

    if params["seal"] and evlog.run(["key", "show"], check=False, in_home=False)[0] != 0:
        # Hosts sharing a config directory may race here; whoever wins, a key must exist afterwards.
        evlog.run(["key", "generate"], check=False, in_home=False)
        evlog.run(["key", "show"], in_home=False)

    before = set(row["plan"] for row in evlog.plans())
    simulate = ("--simulate=" + params["fixture_set"] if params["fixture_set"] else "--simulate") if simulated else None
    install = ["install", "--yes", "--no-color"] + ([simulate] if simulate else []) + profile_args + (["--remediate"] if params["remediate"] else []) + tools
    rc, out, err = evlog.run(install, check=False)
    new = [row for row in evlog.plans() if row["plan"] not in before]
    if not new:
        module.fail_json(msg="evlog install made no plan (exit %d): %s" % (rc, (err or out).strip()), rc=rc)
    row = new[-1]
    write_bundle(module, evlog, row["plan"])
    steps_done = int(row.get("done", 0))
    if rc != 0:
        diagnosis = evlog.diagnosis(row["plan"])
        module.fail_json(
            msg="evlog install failed on plan %s: %s" % (row["plan"], diagnosis.get("kind", row.get("status"))),
            plan=row["plan"], rc=rc, steps_done=steps_done, kind=diagnosis.get("kind", "unknown"),
            evidence=diagnosis.get("evidence", []), remediations=diagnosis.get("remediations", []),
            step=diagnosis.get("step"), changed=steps_done > 0, bundle=params["bundle"], simulated=simulated)
    module.exit_json(changed=steps_done > 0, plan=row["plan"], steps_done=steps_done, bundle=params["bundle"], simulated=simulated)


def write_bundle(module, evlog, plan):
    if module.params["bundle"]:
        evlog.run(["bundle", plan, "-o", module.params["bundle"]])


if __name__ == "__main__":
    main()
