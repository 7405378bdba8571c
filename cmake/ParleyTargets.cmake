# Helpers for the one-library-per-folder layout (see README, "Layout").
# Every target includes from the repository root ("service/index/index.h").

# parley_library(NAME SOURCES... DEPS targets...)
function(parley_library name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${L_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
  target_compile_options(${name} PRIVATE ${PARLEY_WARNINGS})
  target_link_libraries(${name} PUBLIC ${L_DEPS})
endfunction()

# parley_unit_tests(LIBRARY tests...): one gtest binary per <test>.cc beside
# the code it tests, linked with the folder's library.
function(parley_unit_tests library)
  foreach(test ${ARGN})
    add_executable(${test} ${test}.cc)
    target_compile_options(${test} PRIVATE ${PARLEY_WARNINGS})
    target_link_libraries(${test} PRIVATE ${library} GTest::gtest_main GTest::gmock)
    target_compile_definitions(${test} PRIVATE PARLEY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${test} DISCOVERY_MODE PRE_TEST)
  endforeach()
endfunction()
