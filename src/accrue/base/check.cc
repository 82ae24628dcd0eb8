#include "accrue/base/check.h"

#include <cstdio>
#include <cstdlib>

namespace accrue::internal {

void CheckFailed(const char* file, int line, const char* condition, const char* message) {
  std::fprintf(stderr, "accrue: invariant violated at %s:%d: %s (%s)\n", file, line, condition,
               message);
  std::fflush(stderr);
  std::abort();
}

}  // namespace accrue::internal
