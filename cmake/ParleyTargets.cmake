# Helpers for the one-library-per-folder layout (see README, "Layout").
# Every target includes from the repository root ("service/index/index.h").

# Precompiled headers: the standard, Abseil, protobuf, gRPC and GoogleTest
# headers that nearly every file includes take 1-2 s to parse each time.
# Two precompiled headers, built once and reused by every library and test
# (parley_pch, and parley_pch_grpc for what uses gRPC), parse them once.
# Third-party headers only, so that a missing include of our own still fails
# to compile. Off for the fuzz build (clang), which thereby also checks that
# every file includes what it uses. Reuse needs equal flags: -pthread is
# everywhere (CMakeLists.txt); macros of a target's own are not in them.
if(PARLEY_FUZZ)
  set(PARLEY_PCH_DEFAULT OFF)
else()
  set(PARLEY_PCH_DEFAULT ON)
endif()
option(PARLEY_PCH "Precompile the third-party headers most files include" ${PARLEY_PCH_DEFAULT})

# parley_pch(NAME HEADERS... LIBS...): an empty target owning a precompiled header.
function(parley_pch name)
  cmake_parse_arguments(P "" "" "HEADERS;LIBS" ${ARGN})
  add_library(${name} OBJECT "${PROJECT_SOURCE_DIR}/cmake/pch_anchor.cc")
  target_compile_options(${name} PRIVATE ${PARLEY_WARNINGS})
  target_link_libraries(${name} PRIVATE ${P_LIBS})
  target_precompile_headers(${name} PRIVATE ${P_HEADERS})
endfunction()
if(PARLEY_PCH)
  set(headers
      <algorithm> <cstdint> <map> <memory> <optional> <string> <utility> <vector>
      <absl/container/flat_hash_map.h> <absl/container/flat_hash_set.h>
      <absl/status/status.h> <absl/status/statusor.h> <absl/strings/str_cat.h>
      <absl/strings/str_format.h> <absl/strings/string_view.h> <absl/time/time.h>
      <google/protobuf/message.h> <google/protobuf/repeated_field.h>
      <gtest/gtest.h> <gmock/gmock.h>)
  set(libs protobuf::libprotobuf absl::status absl::statusor absl::strings absl::str_format
      absl::flat_hash_map absl::flat_hash_set absl::time GTest::gtest GTest::gmock)
  parley_pch(parley_pch HEADERS ${headers} LIBS ${libs})
  if(NOT PARLEY_INDEX_ONLY)
    parley_pch(parley_pch_grpc HEADERS ${headers} <grpcpp/grpcpp.h> LIBS ${libs} gRPC::grpc++)
  endif()
endif()

# parley_use_pch(TARGET [GRPC]): the target reuses a precompiled header.
function(parley_use_pch target)
  if(NOT PARLEY_PCH)
    return()
  endif()
  if("GRPC" IN_LIST ARGN AND TARGET parley_pch_grpc)
    target_precompile_headers(${target} REUSE_FROM parley_pch_grpc)
  else()
    target_precompile_headers(${target} REUSE_FROM parley_pch)
  endif()
endfunction()

option(PARLEY_UNITY "Compile each library's files in batches (unity build)" ON)

# parley_library(NAME SOURCES... DEPS targets... [GRPC]): a static library
# (GRPC: one that includes gRPC's headers).
function(parley_library name)
  cmake_parse_arguments(L "GRPC" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${L_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
  target_compile_options(${name} PRIVATE ${PARLEY_WARNINGS})
  target_link_libraries(${name} PUBLIC ${L_DEPS})
  # A library's files compiled together, a few at a time: each file's own
  # headers (the generated protobuf ones above all) are then parsed once.
  set_target_properties(${name} PROPERTIES UNITY_BUILD ${PARLEY_UNITY} UNITY_BUILD_BATCH_SIZE 6)
  if(L_GRPC)
    parley_use_pch(${name} GRPC)
  else()
    parley_use_pch(${name})
  endif()
endfunction()

# parley_unit_tests(LIBRARY tests...): one gtest binary per <test>.cc beside
# the code it tests, linked with the folder's library.
function(parley_unit_tests library)
  foreach(test ${ARGN})
    add_executable(${test} ${test}.cc)
    target_compile_options(${test} PRIVATE ${PARLEY_WARNINGS})
    target_link_libraries(${test} PRIVATE ${library} GTest::gtest_main GTest::gmock Threads::Threads)
    target_compile_definitions(${test} PRIVATE PARLEY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    parley_use_pch(${test})
    gtest_discover_tests(${test} DISCOVERY_MODE PRE_TEST)
  endforeach()
endfunction()
