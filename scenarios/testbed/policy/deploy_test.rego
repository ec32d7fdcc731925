package shop.deploy_test

import data.shop.deploy

test_fake_secret_passes if {
	count(deploy.deny) == 0 with input as {"kind": "Secret", "metadata": {"name": "s"}, "stringData": {"api-key": "FAKE-1"}}
}

test_real_looking_secret_denied if {
	count(deploy.deny) == 1 with input as {"kind": "Secret", "metadata": {"name": "s"}, "stringData": {"api-key": "sk_live_123"}}
}

test_role_reading_secrets_denied if {
	rules := [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}]
	count(deploy.deny) == 1 with input as {"kind": "Role", "metadata": {"name": "r"}, "rules": rules}
}

test_rollout_without_analysis_denied if {
	spec := {"progressDeadlineAbort": true, "strategy": {"canary": {}}, "template": {"spec": {"containers": []}}}
	count(deploy.deny) == 1 with input as {"kind": "Rollout", "metadata": {"name": "r"}, "spec": spec}
}
