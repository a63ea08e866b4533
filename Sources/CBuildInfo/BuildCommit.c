#include "CBuildInfo.h"

// The release script compiles this file with -DBATTEN_COMMIT="<commit>"; every other build leaves
// it undefined, so that a build needs no Git repository.
#ifndef BATTEN_COMMIT
#define BATTEN_COMMIT ""
#endif

const char *batten_build_commit(void) {
    return BATTEN_COMMIT;
}
