// Always-on invariant checks.
//
// ACCRUE_CHECK is for what cannot happen unless the program has a bug: adding EUR to USD, an
// unbalanced journal entry being built, a gap in a number series. It is on in every build type,
// logs the condition with file and line to stderr, and aborts. Never use it for input a caller
// can get wrong: return a Status instead (see status.h). ACCRUE_DCHECK is compiled out in release
// builds and may guard expensive checks on hot paths.
#pragma once

namespace accrue::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              const char* message);
}  // namespace accrue::internal

#define ACCRUE_CHECK(condition, message)                                          \
  do {                                                                            \
    if (!(condition)) [[unlikely]]                                                \
      ::accrue::internal::CheckFailed(__FILE__, __LINE__, #condition, (message)); \
  } while (false)

#ifdef NDEBUG
#define ACCRUE_DCHECK(condition, message) \
  do {                                    \
  } while (false)
#else
#define ACCRUE_DCHECK(condition, message) ACCRUE_CHECK(condition, message)
#endif
