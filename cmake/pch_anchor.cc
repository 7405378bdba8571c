// The source file of the tests' precompiled-header targets
// (cmake/ParleyTargets.cmake): it holds nothing; the target exists so that
// its precompiled headers can be reused by every test.
