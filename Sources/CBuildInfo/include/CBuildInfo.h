#ifndef BATTEN_CBUILDINFO_H
#define BATTEN_CBUILDINFO_H

/// The commit Batten was built from, as `Scripts/release.sh` passes it (`-DBATTEN_COMMIT="…"`), or
/// the empty string for a build that was not given one (a plain `swift build`, a source tarball).
const char *batten_build_commit(void);

#endif
