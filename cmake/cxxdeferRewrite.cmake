#===- cxxdeferRewrite.cmake - the build step of cxxdefer_rewrite() ---------===#
#
# Run as `cmake -DLIST=<file> -P cxxdeferRewrite.cmake`, where <file> (written
# by cxxdefer_rewrite at configure time) sets TOOL, DATABASE, ROOT, OUT,
# INPUTS (the target's sources) and HEADERS (every header below ROOT).
#
# The batch tool writes the rewritten sources, and the headers it had to
# rewrite, to a scratch directory; this script then makes OUT hold, for each
# source and each header below ROOT, the tool's text if it wrote one and a
# copy of the original otherwise. So every file the build was told about
# exists after every run (Ninja treats a missing output as out of date), a
# header whose defer statements were all removed gets its original text
# back, and a file whose text is unchanged keeps its timestamp, which is
# what lets Ninja (restat) skip recompiling objects whose inputs did not
# change even though the step ran.
#
#===----------------------------------------------------------------------===#
cmake_minimum_required(VERSION 3.20)

include("${LIST}")
set(scratch "${OUT}.new")
file(REMOVE_RECURSE "${scratch}")
execute_process(
  COMMAND "${TOOL}" -q -p "${DATABASE}" --out-dir "${scratch}" --root "${ROOT}"
    ${INPUTS}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE_RECURSE "${scratch}")
  message(FATAL_ERROR "cxxdefer: rewriting failed (exit status ${status})")
endif()

foreach(file IN LISTS INPUTS HEADERS)
  file(RELATIVE_PATH relative "${ROOT}" "${file}")
  if(EXISTS "${scratch}/${relative}")
    set(text "${scratch}/${relative}")
  else()
    set(text "${file}")
  endif()
  # copy_if_different leaves an identical destination (and its time) alone.
  execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different
    "${text}" "${OUT}/${relative}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cxxdefer: cannot write ${OUT}/${relative}")
  endif()
endforeach()
file(REMOVE_RECURSE "${scratch}")
