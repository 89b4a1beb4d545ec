#!/usr/bin/env bash
# The Debian packages the whole test suite needs, installed when missing (as root, with apt-get):
# Java runs the HermiT reasoner (owlready2); DejaVu Sans renders the sample to PDF in the tests;
# npm fetches the YASGUI editor of `tkg serve`; Chromium runs the browser tests (headless);
# nginx and Apache serve the static site with the rules `tkg publish` writes.
# Elsewhere it says what to install and stops, so no test is silently left out.
set -euo pipefail
need=()
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
[ -x /usr/sbin/apache2 ] || need+=(apache2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${need[*]} (Debian packages the tests use)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
    echo "the tests need these Debian packages: ${need[*]}; install them (apt-get install ${need[*]})" >&2
    exit 1
fi
