package org.unroll.ui.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.Initializer;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Weights;
import org.unroll.graph.FusedKernel;
import org.unroll.graph.FusedKernel.Matrix;
import org.unroll.graph.Notation;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.model.FusedKernelViewModel.Shown;
import org.unroll.view.Messages;

/** The fused-kernel view's model: FusedKernel.of for the session, in the window's notation. */
class FusedKernelViewModelTest {

    /** Matrix holds arrays, so its equals is identity: compare what it says. */
    static void assertSameMatrices(List<Matrix> expected, List<Matrix> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Matrix e = expected.get(i);
            Matrix a = actual.get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.shape(), a.shape(), e.name());
            assertEquals(e.blocks(), a.blocks(), e.name());
            assertEquals(e.stored(), a.stored(), e.name());
            assertArrayEquals(e.values(), a.values(), e.name());
        }
    }

    @Test
    void theMatricesAreFusedKernelOfTheSessionInEveryNotation() throws Exception {
        AppContext ctx = Fixtures.context();
        FusedKernelViewModel vm = ctx.fused();
        assertNull(vm.fusedProperty().get());
        assertTrue(vm.matrices().isEmpty());
        ctx.main().open(Path.of("src/test/resources/cases/lstm-many-to-many.json"));
        Weights w = ctx.main().getSession().kase().weights();
        for (Notation n : Notation.values()) {
            ctx.main().setNotation(n);
            assertSameMatrices(FusedKernel.of(n, w), vm.matrices());
            assertEquals(n, vm.fusedProperty().get().notation());
        }
        ctx.main().setNotation(Notation.TENSORFLOW);
        Shown kernel = vm.fusedProperty().get().matrices().get(0);
        assertEquals("lstm_cell/kernel [5, 12]", kernel.heading());
        assertEquals(List.of("i: U_iᵀ", "i: W_iᵀ", "j: U_aᵀ", "j: W_aᵀ", "f: U_fᵀ", "f: W_fᵀ", "o: U_oᵀ", "o: W_oᵀ"),
                kernel.blockLabels());
        assertFalse(kernel.elided());
        assertArrayEquals(kernel.matrix().values(), kernel.cells());
        assertEquals(Messages.format(ctx.main().getBundle(), "fused.title", "TensorFlow 1.x"), vm.titleProperty().get());
        ctx.main().setNotation(Notation.PYTORCH);
        Shown wih = vm.fusedProperty().get().matrices().get(0);
        assertEquals("weight_ih_l0 (12, 2)", wih.heading());
        assertEquals(List.of("i: U_i", "f: U_f", "g: U_a", "o: U_o"), wih.blockLabels());
    }

    @Test
    void theBookKeepsTheMatricesApartAndSaysSo() {
        AppContext ctx = Fixtures.withDemo();
        FusedKernelViewModel vm = ctx.fused();
        assertEquals(Notation.BOOK, ctx.main().getNotation());
        assertEquals(Messages.format(ctx.main().getBundle(), "fused.book"), vm.noteProperty().get());
        List<String> names = vm.matrices().stream().map(Matrix::name).toList();
        assertEquals(List.of("U", "W", "b", "V", "c"), names);
        assertSameMatrices(FusedKernel.of(Notation.BOOK, ctx.main().getSession().kase().weights()), vm.matrices());
    }

    @Test
    void pointingAtABlockDescribesIt() {
        AppContext ctx = Fixtures.withDemo();
        FusedKernelViewModel vm = ctx.fused();
        ctx.main().setNotation(Notation.KERAS);
        assertEquals(Messages.format(ctx.main().getBundle(), "fused.hint"), vm.descriptionProperty().get());
        Matrix rec = vm.matrices().get(1);
        assertEquals("recurrent_kernel", rec.name());
        vm.point(rec, rec.blocks().get(0));
        String d = FusedKernel.describe(rec, rec.blocks().get(0), ctx.main().getBundle());
        assertEquals(d, vm.descriptionProperty().get());
        vm.point(null, null);
        assertEquals(Messages.format(ctx.main().getBundle(), "fused.hint"), vm.descriptionProperty().get());
        vm.select(rec, rec.blocks().get(0));
        vm.point(null, null);
        assertEquals(d, vm.descriptionProperty().get(), "the selected block stays described");
    }

    @Test
    void aLargeMatrixIsDrawnFromEveryKthRowAndColumn() {
        ModelConfig cfg = ModelConfig.of(CellType.LSTM, 3, 300, 2);
        Weights w = Initializer.create(cfg, 1, 1.0);
        FusedKernelViewModel.Fused f = FusedKernelViewModel.assemble(Notation.TENSORFLOW, w,
                Messages.bundle(java.util.Locale.ENGLISH));
        Shown k = f.matrices().get(0);
        assertEquals(List.of(303, 1200), k.matrix().shape());
        assertTrue(k.elided());
        assertTrue(k.cells().length <= FusedKernelViewModel.MAX_CELLS, "rows " + k.cells().length);
        assertTrue(k.cells()[0].length <= FusedKernelViewModel.MAX_CELLS, "cols " + k.cells()[0].length);
        double[][] v = k.matrix().values();
        assertEquals(v[k.rowStep()][2 * k.colStep()], k.cells()[1][2]);
    }

    @Test
    void whileNotShownNothingIsAssembled() {
        AppContext ctx = Fixtures.withDemo();
        FusedKernelViewModel vm = ctx.fused();
        assertFalse(vm.matrices().isEmpty());
        vm.setActive(false);
        ctx.main().setNotation(Notation.KERAS);
        assertNull(vm.fusedProperty().get(), "out of date, not assembled");
        vm.setActive(true);
        assertEquals(Notation.KERAS, vm.fusedProperty().get().notation());
        assertSameMatrices(FusedKernel.of(Notation.KERAS, ctx.main().getSession().kase().weights()), vm.matrices());
    }
}
