package org.unroll.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatexFormatTest {

    @Test
    void fourSignificantDigits() {
        assertEquals("0", LatexFormat.number(0.0));
        assertEquals("0", LatexFormat.number(-0.0));
        assertEquals("0.1235", LatexFormat.number(0.123456));
        assertEquals("-2", LatexFormat.number(-2.0));
        assertEquals("1.5", LatexFormat.number(1.5));
        assertEquals("1235", LatexFormat.number(1234.56));
        assertEquals("0.0001235", LatexFormat.number(0.00012345678));
        assertEquals("1.235 \\times 10^{-5}", LatexFormat.number(1.2345678e-5));
        assertEquals("-1 \\times 10^{-7}", LatexFormat.number(-1e-7));
        assertEquals("1.235 \\times 10^{8}", LatexFormat.number(123456789));
        assertEquals("123500", LatexFormat.number(123456));
        assertEquals("\\mathrm{NaN}", LatexFormat.number(Double.NaN));
        assertEquals("-\\infty", LatexFormat.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void decimalTiesAreDecidedByTheExactBinaryValue() {
        // 1.0005 is stored as 1.000499999…, 0.12345 as 0.1234500000000000041…
        assertEquals("1", LatexFormat.number(1.0005));
        assertEquals("0.1235", LatexFormat.number(0.12345));
        assertEquals("2.5", LatexFormat.number(2.5));
        assertEquals("-1.001", LatexFormat.number(-1.00051));
    }

    @Test
    void aVectorOfOneIsAScalar() {
        assertEquals("0.405", LatexFormat.vector(new double[] {0.405}));
        assertEquals("0.405", LatexFormat.vector(new double[] {0.405}, true));
        assertEquals("\\left(-0.405\\right)", LatexFormat.vector(new double[] {-0.405}), "a negative factor in parentheses");
        assertEquals("0.5", LatexFormat.matrix(new double[][] {{0.5}}), "1×1");
        assertEquals("\\begin{pmatrix}1 & 2\\end{pmatrix}", LatexFormat.matrix(new double[][] {{1, 2}}), "1×n stays a row");
    }

    @Test
    void vectorsAndMatrices() {
        assertEquals("\\left(1, -0.5\\right)^\\top", LatexFormat.vector(new double[] {1, -0.5}));
        assertEquals("\\left(1, -0.5\\right)", LatexFormat.vector(new double[] {1, -0.5}, true));
        assertEquals("\\left(1, 2, 3, 4, 5, 6\\right)^\\top", LatexFormat.vector(new double[] {1, 2, 3, 4, 5, 6}));
        assertEquals("\\left(1, 2, 3, 4, \\ldots, 9\\right)^\\top",
                LatexFormat.vector(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertEquals("\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}",
                LatexFormat.matrix(new double[][] {{1, 2}, {3, 4}}));
        assertEquals("\\left(1, 2\\right)^\\top", LatexFormat.matrix(new double[][] {{1}, {2}}), "n×1 is a column");
        double[][] big = new double[6][5];
        big[5][4] = 7;
        assertEquals("\\begin{pmatrix}0 & 0 & 0 & \\cdots & 0 \\\\ 0 & 0 & 0 & \\cdots & 0 \\\\ 0 & 0 & 0 & \\cdots & 0"
                + " \\\\ \\vdots & \\vdots & \\vdots & \\ddots & \\vdots \\\\ 0 & 0 & 0 & \\cdots & 7\\end{pmatrix}",
                LatexFormat.matrix(big));
    }
}
