# Finds OpenBLAS (CBLAS) and LAPACKE through pkg-config and defines the
# imported targets SwiftLogit::openblas and SwiftLogit::lapacke.
#
# Used twice: by CMakeStubs/CMakeLists.txt when the engine is built, and by the
# installed SwiftLogitConfig.cmake when a consumer calls find_package(SwiftLogit),
# so that the exported targets can name the system libraries without baking in
# this machine's paths.
#
# pkg-config names (Debian): `openblas` (libopenblas-dev) and `lapacke`
# (liblapacke-dev). There is no `cblas` pkg-config file on Debian.

include_guard(GLOBAL)

function(_swift_logit_blas_missing what)
  message(FATAL_ERROR
    "swift-logit: ${what}\n"
    "The engine's BLAS backend needs OpenBLAS (CBLAS) and LAPACKE, found through pkg-config "
    "under the names 'openblas' and 'lapacke'.\n"
    "  Debian/Ubuntu:  apt-get install libopenblas-dev liblapacke-dev pkg-config\n"
    "  (or run scripts/setup.sh from the swift-logit checkout)\n"
    "If they are installed somewhere pkg-config does not look, add that folder's "
    "lib/pkgconfig to PKG_CONFIG_PATH.\n"
    "To build without them, on the pure-Swift backend alone, configure with "
    "-DLOGIT_WITH_OPENBLAS=OFF.")
endfunction()

if(NOT TARGET SwiftLogit::openblas OR NOT TARGET SwiftLogit::lapacke)
  find_package(PkgConfig QUIET)
  if(NOT PKG_CONFIG_FOUND)
    _swift_logit_blas_missing("pkg-config was not found.")
  endif()

  pkg_check_modules(SWIFT_LOGIT_OPENBLAS QUIET openblas)
  if(NOT SWIFT_LOGIT_OPENBLAS_FOUND)
    _swift_logit_blas_missing("pkg-config cannot find 'openblas' (OpenBLAS, Debian: libopenblas-dev).")
  endif()
  pkg_check_modules(SWIFT_LOGIT_LAPACKE QUIET lapacke)
  if(NOT SWIFT_LOGIT_LAPACKE_FOUND)
    _swift_logit_blas_missing("pkg-config cannot find 'lapacke' (LAPACKE, Debian: liblapacke-dev).")
  endif()

  # pkg-config's --libs give -L folders and -l names; resolve each name to a
  # file so that the imported targets carry full paths (no -L needed later).
  foreach(_swift_logit_pc IN ITEMS OPENBLAS LAPACKE)
    # libdir as well: a Swift-only project has no CMAKE_LIBRARY_ARCHITECTURE,
    # so find_library would not look in Debian's multiarch folder by itself.
    string(TOLOWER "${_swift_logit_pc}" _swift_logit_name)
    pkg_get_variable(_swift_logit_libdir ${_swift_logit_name} libdir)
    set(_swift_logit_files "")
    foreach(_swift_logit_lib IN LISTS SWIFT_LOGIT_${_swift_logit_pc}_LIBRARIES)
      find_library(_swift_logit_found_${_swift_logit_lib} NAMES ${_swift_logit_lib}
        HINTS ${SWIFT_LOGIT_${_swift_logit_pc}_LIBRARY_DIRS} ${_swift_logit_libdir})
      if(NOT _swift_logit_found_${_swift_logit_lib})
        _swift_logit_blas_missing("pkg-config names the library '${_swift_logit_lib}' but no such file was found.")
      endif()
      list(APPEND _swift_logit_files "${_swift_logit_found_${_swift_logit_lib}}")
    endforeach()
    add_library(SwiftLogit::${_swift_logit_name} INTERFACE IMPORTED GLOBAL)
    # Only include folders go to the interface: Swift passes -I on to the
    # Clang importer, but would reject C compiler flags.
    set_target_properties(SwiftLogit::${_swift_logit_name} PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES "${SWIFT_LOGIT_${_swift_logit_pc}_INCLUDE_DIRS}"
      INTERFACE_LINK_LIBRARIES "${_swift_logit_files}")
  endforeach()
  message(STATUS "swift-logit: OpenBLAS ${SWIFT_LOGIT_OPENBLAS_VERSION}, LAPACKE ${SWIFT_LOGIT_LAPACKE_VERSION} (pkg-config)")
endif()
