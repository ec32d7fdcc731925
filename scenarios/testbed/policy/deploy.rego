# The shop's rules for its own manifests (deploy/), checked in CI (`opa test policy/`, and
# conftest-style: each YAML document is `input`). They are what keeps a bad change from
# reaching the cluster, so a fix that edits this folder is never applied without review.
package shop.deploy

# No real credential is ever committed: the cluster's secret store fills them in.
deny contains msg if {
	input.kind == "Secret"
	some key, value in object.union(object.get(input, "stringData", {}), object.get(input, "data", {}))
	not startswith(value, "FAKE-")
	msg := sprintf("Secret %s: %s looks like a real credential", [input.metadata.name, key])
}

# Every canary is measured and rolled back when it stalls.
deny contains msg if {
	input.kind == "Rollout"
	count(object.get(input.spec.strategy.canary, ["analysis", "templates"], [])) == 0
	msg := sprintf("Rollout %s: a canary without analysis", [input.metadata.name])
}

deny contains msg if {
	input.kind == "Rollout"
	not input.spec.progressDeadlineAbort
	msg := sprintf("Rollout %s: progressDeadlineAbort must be true", [input.metadata.name])
}

# Requests make the scheduler's (and the simulator's) capacity honest.
deny contains msg if {
	input.kind == "Rollout"
	some c in input.spec.template.spec.containers
	not c.resources.requests.cpu
	msg := sprintf("Rollout %s: container %s has no cpu request", [input.metadata.name, c.name])
}

# Nobody in the shop namespace gets wildcards or reads secrets.
deny contains msg if {
	input.kind in {"Role", "ClusterRole"}
	some rule in input.rules
	some verb in rule.verbs
	verb == "*"
	msg := sprintf("%s %s: wildcard verb", [input.kind, input.metadata.name])
}

deny contains msg if {
	input.kind in {"Role", "ClusterRole"}
	some rule in input.rules
	"secrets" in rule.resources
	msg := sprintf("%s %s: access to secrets", [input.kind, input.metadata.name])
}
