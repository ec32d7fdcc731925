# firedrill's auto-apply gate (L4) for OPA: the same policy as autoapply.model.conf +
# autoapply.policy.csv (Casbin), line for line. Input: {"classes": [{class, file, detail,
# factor?, from?, to?}, ...]} as the classifier found them in a proposed fix.
# Query data.firedrill.autoapply.decision -> {verdict, rule, reasons}.
#
# A class is allowed when some line allows it and none denies it; no matching line denies it
# ("no-rule"). A fix is applied without a human only when every class is allowed.
package firedrill.autoapply

lines := [
	{"id": "red-flag-oversize", "class": "oversize", "eft": "deny"},
	{"id": "red-flag-unparseable", "class": "unparseable", "eft": "deny"},
	{"id": "red-flag-path-outside-repo", "class": "path-outside-repo", "eft": "deny"},
	{"id": "red-flag-symlink", "class": "symlink", "eft": "deny"},
	{"id": "red-flag-binary", "class": "binary", "eft": "deny"},
	{"id": "red-flag-mode-change", "class": "mode-change", "eft": "deny"},
	{"id": "forbidden-policy", "class": "policy", "eft": "deny"},
	{"id": "forbidden-rbac", "class": "rbac", "eft": "deny"},
	{"id": "forbidden-secrets", "class": "secrets", "eft": "deny"},
	{"id": "forbidden-traffic-routing", "class": "traffic-routing", "eft": "deny"},
	{"id": "forbidden-ci-config", "class": "ci-config", "eft": "deny"},
	{"id": "forbidden-tests", "class": "tests", "eft": "deny"},
	{"id": "revert-of-offending", "class": "revert-of-offending", "eft": "allow"},
	{"id": "widen-under-2x", "class": "threshold-widen", "eft": "allow"},
	{"id": "widen-2x-or-more", "class": "threshold-widen", "eft": "deny"},
	{"id": "scale-up-to-2x", "class": "scale", "eft": "allow"},
	{"id": "scale-past-2x", "class": "scale", "eft": "deny"},
	{"id": "scale-down", "class": "scale", "eft": "deny"},
	{"id": "retry-add-up-to-3", "class": "retry-change", "eft": "allow"},
	{"id": "retries-past-3", "class": "retry-change", "eft": "deny"},
	{"id": "retry-reduce", "class": "retry-change", "eft": "deny"},
	{"id": "restart", "class": "restart", "eft": "allow"},
	{"id": "log-suppression", "class": "log-suppression", "eft": "allow"},
	{"id": "review-threshold-tighten", "class": "threshold-tighten", "eft": "deny"},
	{"id": "review-timeout-change", "class": "timeout-change", "eft": "deny"},
	{"id": "review-flag-off", "class": "flag-off", "eft": "deny"},
	{"id": "review-flag-on", "class": "flag-on", "eft": "deny"},
	{"id": "review-log-level", "class": "log-level", "eft": "deny"},
	{"id": "review-analysis-change", "class": "analysis-change", "eft": "deny"},
	{"id": "review-code-change", "class": "code-change", "eft": "deny"},
	{"id": "review-config-change", "class": "config-change", "eft": "deny"},
	{"id": "review-docs", "class": "docs", "eft": "deny"},
	{"id": "review-other-change", "class": "other-change", "eft": "deny"},
]

# The lines whose condition is `true` in the Casbin policy.
unconditional := {l.id | some l in lines} - {
	"widen-under-2x", "widen-2x-or-more", "scale-up-to-2x", "scale-past-2x", "scale-down",
	"retry-add-up-to-3", "retries-past-3", "retry-reduce",
}

holds(id, _) if id in unconditional

holds("widen-under-2x", c) if {
	c.factor > 1
	c.factor < 2
}

holds("widen-2x-or-more", c) if c.factor >= 2

holds("scale-up-to-2x", c) if {
	c.factor > 1
	c.factor <= 2
}

holds("scale-past-2x", c) if c.factor > 2

holds("scale-down", c) if c.factor < 1

holds("retry-add-up-to-3", c) if {
	c.to > c.from
	c.to <= 3
}

holds("retries-past-3", c) if {
	c.to > c.from
	c.to > 3
}

holds("retry-reduce", c) if c.to < c.from

matched(c) := [l | some l in lines; l.class == c.class; holds(l.id, c)]

outcome(c) := o if {
	m := matched(c)
	denies := [l.id | some l in m; l.eft == "deny"]
	allows := [l.id | some l in m; l.eft == "allow"]
	o := pick(denies, allows, count(m))
}

pick(denies, _, n) := {"eft": "deny", "id": denies[0], "matches": n} if count(denies) > 0

pick(denies, allows, n) := {"eft": "allow", "id": allows[0], "matches": n} if {
	count(denies) == 0
	count(allows) > 0
}

pick(denies, allows, n) := {"eft": "deny", "id": "no-rule", "matches": n} if {
	count(denies) == 0
	count(allows) == 0
}

outcomes := [outcome(c) | some c in input.classes]

denied := [i | some i, o in outcomes; o.eft == "deny"]

verdict := "allow" if {
	count(input.classes) > 0
	count(denied) == 0
} else := "deny"

rule := "no-classes" if count(input.classes) == 0

rule := "all-safe" if {
	count(input.classes) > 0
	count(denied) == 0
}

rule := outcomes[denied[0]].id if count(denied) > 0

reasons := ["nothing to classify"] if count(input.classes) == 0

reasons := [reason(c, outcomes[i]) | some i, c in input.classes; outcomes[i].eft == verdict] if count(input.classes) > 0

reason(c, o) := sprintf("%s in %s: %s [%s by %s]", [c.class, c.file, c.detail, word[o.eft], o.id])

word := {"allow": "allowed", "deny": "denied"}

decision := {"verdict": verdict, "rule": rule, "reasons": reasons}
