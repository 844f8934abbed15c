# The two commands a newcomer runs: `make run` and `make test`. Both install
# the build dependencies (apt; sudo when not root), configure with meson and
# build with ninja first. `make bench` runs the benchmarks.

BUILD ?= build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := meson ninja-build pkg-config gcc python3 \
	libglib2.0-dev libjavascriptcoregtk-6.0-dev libuv1-dev \
	libgtk-4-dev libwebkitgtk-6.0-dev libssl-dev zlib1g-dev libbrotli-dev libdeflate-dev \
	libhttp-parser-dev libicu-dev ca-certificates openssl curl brotli wrk squashfs-tools libsquashfs-dev \
	xvfb xauth dbus openbox x11-utils hyperfine time bc \
	libsecret-1-dev gnome-keyring python3-gi \
	libcairo2-dev libfontconfig-dev libgdk-pixbuf-2.0-dev libsoup-3.0-dev libx11-dev \
	liblz4-dev liblzma-dev libzstd-dev
DEFAULT_APP := apps/hello

.PHONY: all deps build run test bench asan clean

all: build

# Installs only what is missing, so repeated runs cost one dpkg query.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if ! command -v npm >/dev/null 2>&1; then missing="$$missing npm"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The lists of built-in JS files and C bindings are read at configure time:
# reconfigure when they change.
build: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then meson setup $(BUILD) $(MESON_OPTIONS); fi
	@{ find shell/lib -name '*.js'; find shell/runtime -name 'binding-*.c'; } | sort > $(BUILD)/.libjs.new; \
	if ! cmp -s $(BUILD)/.libjs.new $(BUILD)/.libjs; then \
	  meson setup --reconfigure $(BUILD) >/dev/null && mv $(BUILD)/.libjs.new $(BUILD)/.libjs; \
	fi
	@ninja -C $(BUILD)

run: build
	$(BUILD)/anode $(DEFAULT_APP)

test: build
	@tests/run-all.sh $(BUILD)

bench: build
	@tests/bench/run.sh $(BUILD)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory build BUILD=build-asan MESON_OPTIONS="-Db_sanitize=address,undefined -Db_lundef=false"
	@ANODE_FULL_TEARDOWN=1 ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=4 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tests/run-all.sh build-asan

clean:
	rm -rf $(BUILD) build-asan
