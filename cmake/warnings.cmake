# The one warning list of the project. Third-party headers come from /usr/include and are
# treated as system headers, so these apply to our code only.
add_library(accrue_warnings INTERFACE)
target_compile_options(accrue_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(ACCRUE_WERROR)
  target_compile_options(accrue_warnings INTERFACE -Werror)
endif()
if(ACCRUE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
