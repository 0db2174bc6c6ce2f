package io.firstparty.deploy;

import java.nio.file.Path;

/** Paths of the repository these tests check. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("firstparty.root", "../..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("k8s/firstparty");
    static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
    static final Path PLAIN_MANIFESTS = ROOT.resolve("k8s/manifests/firstparty.yaml");

    private Repository() {
    }
}
