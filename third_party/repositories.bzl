"""Offline repositories for the build: everything comes from Debian packages on this machine.

Nothing here downloads. Each rule checks that the files it needs exist and, if not, fails with
the name of the Debian package that provides them (`.ci/run` installs them all).
"""

# --------------------------------------------------------------------------------------------
# @rules_cc: Debian's bazel-rules-cc (0.0.4), adapted for Bazel 4.2.3.
#
# Two files load `use_cpp_toolchain` from @bazel_tools//tools/cpp:toolchain_utils.bzl, which
# Bazel 4.2.3 does not have. We mirror the package as symlinks and write patched copies of
# those two files that name the C++ toolchain type directly.
# --------------------------------------------------------------------------------------------

_RULES_CC_PATCHED = [
    "cc/private/rules_impl/compiler_flag.bzl",
    "cc/private/rules_impl/cc_flags_supplier.bzl",
]

def _patch_use_cpp_toolchain(text):
    text = text.replace(
        '"find_cpp_toolchain", "use_cpp_toolchain")',
        '"find_cpp_toolchain")',
    )
    return text.replace(
        "use_cpp_toolchain()",
        '["@bazel_tools//tools/cpp:toolchain_type"]',
    )

def _debian_rules_cc_impl(rctx):
    src = rctx.path(rctx.attr.path)
    if not src.get_child("cc").get_child("defs.bzl").exists:
        fail("rules_cc not found at %s: apt-get install bazel-rules-cc" % src)

    # Directories on the way to a patched file are recreated; everything else is a symlink.
    dirs = {"": True}
    for f in _RULES_CC_PATCHED:
        parts = f.split("/")
        for i in range(1, len(parts)):
            dirs["/".join(parts[:i])] = True

    # Shallow directories first, so parents exist before their children are filled.
    by_depth = sorted([(len(d.split("/")) if d else 0, d) for d in dirs.keys()])
    for _, d in by_depth:
        src_dir = rctx.path("%s/%s" % (src, d)) if d else src
        for entry in src_dir.readdir():
            rel = (d + "/" + entry.basename) if d else entry.basename
            if rel in dirs:
                continue  # recreated as a real directory, filled on its own turn
            if rel in _RULES_CC_PATCHED:
                rctx.file(rel, _patch_use_cpp_toolchain(rctx.read(entry)), executable = False)
            else:
                rctx.symlink(entry, rel)

debian_rules_cc = repository_rule(
    implementation = _debian_rules_cc_impl,
    attrs = {"path": attr.string(default = "/usr/share/bazel/rules/cc")},
    local = True,
)

# --------------------------------------------------------------------------------------------
# @remote_coverage_tools: `bazel test` in Bazel 4.2.3 resolves these two labels even without
# coverage. Empty stand-ins keep it offline (`bazel coverage` does not work offline).
# --------------------------------------------------------------------------------------------

def _empty_coverage_tools_impl(rctx):
    rctx.file("WORKSPACE", 'workspace(name = "remote_coverage_tools")\n')
    rctx.file("BUILD", """\
# Offline stand-ins for Bazel's coverage tools: enough for `bazel test`, not for `bazel coverage`.
package(default_visibility = ["//visibility:public"])

filegroup(name = "coverage_report_generator")

filegroup(name = "lcov_merger")
""")

empty_coverage_tools = repository_rule(implementation = _empty_coverage_tools_impl)

# --------------------------------------------------------------------------------------------
# @debian_cc: prebuilt static C++ libraries from Debian packages (GoogleTest, GoogleMock,
# RapidCheck) and nlohmann-json's headers. Headers and archives are symlinked from /usr, so the headers are declared
# inputs (sandbox-safe, tracked) and reach the compiler via -isystem (their warnings stay
# out of -Werror). The BUILD file is third_party/debian_cc.BUILD.
# --------------------------------------------------------------------------------------------

# path under the repo -> (path on the machine, Debian package that provides it)
_DEBIAN_CC_FILES = {
    "include/gtest": ("/usr/include/gtest", "libgtest-dev"),
    "include/gmock": ("/usr/include/gmock", "libgmock-dev"),
    "include/rapidcheck": ("/usr/include/rapidcheck", "librapidcheck-dev"),
    "include/rapidcheck.h": ("/usr/include/rapidcheck.h", "librapidcheck-dev"),
    "include/nlohmann": ("/usr/include/nlohmann", "nlohmann-json3-dev"),
    "lib/libgtest.a": ("/usr/lib/x86_64-linux-gnu/libgtest.a", "libgtest-dev"),
    "lib/libgtest_main.a": ("/usr/lib/x86_64-linux-gnu/libgtest_main.a", "libgtest-dev"),
    "lib/libgmock.a": ("/usr/lib/x86_64-linux-gnu/libgmock.a", "libgmock-dev"),
    "lib/libgmock_main.a": ("/usr/lib/x86_64-linux-gnu/libgmock_main.a", "libgmock-dev"),
    "lib/librapidcheck.a": ("/usr/lib/x86_64-linux-gnu/librapidcheck.a", "librapidcheck-dev"),
}

def _debian_cc_impl(rctx):
    missing = []
    for rel, (system_path, package) in _DEBIAN_CC_FILES.items():
        p = rctx.path(system_path)
        if not p.exists:
            missing.append("%s (apt-get install %s)" % (system_path, package))
            continue
        rctx.symlink(p, rel)
    if missing:
        fail("missing system files:\n  " + "\n  ".join(missing))
    rctx.file("WORKSPACE", 'workspace(name = "%s")\n' % rctx.name)
    rctx.symlink(rctx.attr.build_file, "BUILD.bazel")

debian_cc = repository_rule(
    implementation = _debian_cc_impl,
    attrs = {"build_file": attr.label(allow_single_file = True, mandatory = True)},
    local = True,
)

# --------------------------------------------------------------------------------------------

def offline_repositories():
    """Declares every external repository; call from WORKSPACE."""
    debian_rules_cc(name = "rules_cc")
    native.local_repository(name = "rules_java", path = "/usr/share/bazel/rules/java")
    empty_coverage_tools(name = "remote_coverage_tools")
    debian_cc(name = "debian_cc", build_file = Label("//third_party:debian_cc.BUILD"))
