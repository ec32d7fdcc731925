// Wrapper module for github.com/k8sgpt-ai/k8sgpt (build-go-tools.sh builds the k8sgpt CLI, the
// module root's main package, inside a copy of it). Replace directives only take effect in the main
// module, so this one repeats those of k8sgpt v0.4.36 (go.mod, end of file) verbatim; keep them in
// step with the pin in go-tools.pins.
module firedrill.invalid/tools/k8sgpt

go 1.26.3

replace github.com/docker/docker => github.com/docker/docker v28.0.4+incompatible

replace dario.cat/mergo => github.com/imdario/mergo v1.0.1
