// Wrapper module for etcd's server. etcd's own main package (go.etcd.io/etcd/v3, the repository root)
// reaches its sibling modules through ../server-style replace directives, so it cannot be built from
// the module proxy; its main.go is one call, etcdmain.Main(os.Args), which main.go here repeats
// against the published go.etcd.io/etcd/server/v3 of the pinned version (go-tools.pins).
module firedrill.invalid/tools/etcd

go 1.26.0
