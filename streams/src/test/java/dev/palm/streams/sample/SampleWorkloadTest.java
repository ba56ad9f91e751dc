package dev.palm.streams.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.palm.packs.canonical.CanonicalPack;
import org.junit.jupiter.api.Test;

class SampleWorkloadTest {

    @Test
    void dump() throws Exception {
        java.util.List<dev.palm.packs.PlatformPack> packs = new java.util.ArrayList<>(CanonicalPack.all());
        packs.add(dev.palm.packs.files.PackFiles.load(java.nio.file.Path.of("../examples/packs/quickverse.yaml")).toPack());
        SampleWorkload w = SampleWorkload.forPacks(packs, "run1", SampleIdentities.DEFAULT);
        w.phases().forEach(p -> System.out.println("PHASE " + p.name() + " steps=" + p.steps().size() + " wait=" + p.timerWait()));
        w.cases().stream().filter(c -> !c.path().equals("capacity fill")).forEach(c -> System.out.println(c.pack() + " | " + c.path() + " | " + c.description() + " | " + c.expected() + " " + c.expectedIn() + " " + c.audit()));
        w.skipped().forEach(s -> System.out.println("SKIP " + s));
        w.rateProbes().forEach(r -> System.out.println("RATE " + r.pack() + " " + r.limit()));
        assertThat(w.cases()).isNotEmpty();
    }
}
