# accrue_layer(NAME DIR DEPS...) builds one static library per architecture layer from every
# *.cc below DIR that is not a test, benchmark or fuzz target, and one GoogleTest executable from
# the *_test.cc files beside them. Adding a file needs no CMake edit; dependencies between layers
# are declared here once, and point down only.
function(accrue_layer name dir)
  file(GLOB_RECURSE _all CONFIGURE_DEPENDS "${dir}/*.cc")
  set(_srcs "")
  set(_tests "")
  foreach(f IN LISTS _all)
    if(f MATCHES "_test\\.cc$")
      list(APPEND _tests "${f}")
    elseif(f MATCHES "(_benchmark|_fuzz|_main)\\.cc$")
    else()
      list(APPEND _srcs "${f}")
    endif()
  endforeach()
  if(_srcs)
    add_library(accrue_${name} STATIC ${_srcs})
    target_link_libraries(accrue_${name} PUBLIC ${ARGN} PRIVATE accrue_warnings)
  else()
    add_library(accrue_${name} INTERFACE)
    target_link_libraries(accrue_${name} INTERFACE ${ARGN})
  endif()
  if(_srcs)
    target_include_directories(accrue_${name} PUBLIC "${PROJECT_SOURCE_DIR}/src")
  else()
    target_include_directories(accrue_${name} INTERFACE "${PROJECT_SOURCE_DIR}/src")
  endif()
  if(ACCRUE_BUILD_TESTS AND _tests)
    add_executable(accrue_${name}_test ${_tests})
    target_link_libraries(accrue_${name}_test PRIVATE accrue_${name} accrue_testing
                          GTest::gtest GTest::gmock GTest::gtest_main accrue_warnings)
    target_compile_definitions(accrue_${name}_test PRIVATE
      ACCRUE_SOURCE_DIR="${PROJECT_SOURCE_DIR}" ACCRUE_SHARED_DIR="${PROJECT_SOURCE_DIR}/test/shared")
    gtest_discover_tests(accrue_${name}_test DISCOVERY_TIMEOUT 60
                         PROPERTIES LABELS "unit;${name}")
  endif()
endfunction()
