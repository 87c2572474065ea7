# Shared by setup.sh, test.sh and .ci/run: the Debian packages mpilab needs and how it is built.
# Sourced, not run.

BUILD_DIR="${MPILAB_BUILD_DIR:-build}"

# Build and test dependencies, all from Debian 12's own archive.
MPILAB_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  nlohmann-json3-dev doctest-dev
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libgif-dev
  xvfb xauth fonts-dejavu-core
  python3-dev python3-numpy
)

# CI only: the real MPIs the comparison tests run against — mpi4py (Debian's is built on Open MPI) for
# the tutorials' Python programs, MPICH for the C corpus, and both MPIs' development files for the
# recorder of real runs (`mpilab record`, built once per MPI); elsewhere those tests say "skipped".
MPILAB_CI_PACKAGES=(python3-mpi4py openmpi-bin mpich libmpich-dev libopenmpi-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# install_packages [PACKAGE...]: the given packages, or MPILAB_PACKAGES; only those missing.
install_packages() {
  local wanted=("$@") missing=()
  [ "${#wanted[@]}" -gt 0 ] || wanted=("${MPILAB_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then return 0; fi
  echo "==> Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build_project() {
  echo "==> Building mpilab in $BUILD_DIR/"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${MPILAB_BUILD_TYPE:-Release}" > /dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

jobs_for_tests() {
  # Threaded tests are many threads each; two per core keeps the machine responsive.
  echo $(( $(nproc) * 2 ))
}
