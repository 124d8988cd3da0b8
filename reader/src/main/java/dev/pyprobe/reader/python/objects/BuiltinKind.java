package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.python.PyValue;

/** The builtin types the reader decodes itself, named in the {@code types} table of a layout. */
public enum BuiltinKind {
    NONE(PyValue.Kind.NONE),
    BOOL(PyValue.Kind.BOOL),
    INT(PyValue.Kind.INT),
    /** Python 2's machine-word {@code int} ({@code PyIntObject}). */
    PY2_INT(PyValue.Kind.INT),
    FLOAT(PyValue.Kind.FLOAT),
    STR(PyValue.Kind.STR),
    BYTES(PyValue.Kind.BYTES),
    TUPLE(PyValue.Kind.TUPLE),
    LIST(PyValue.Kind.LIST),
    DICT(PyValue.Kind.DICT),
    SET(PyValue.Kind.SET),
    FUNCTION(PyValue.Kind.OBJECT),
    CLASSMETHOD(PyValue.Kind.OBJECT),
    STATICMETHOD(PyValue.Kind.OBJECT),
    MODULE(PyValue.Kind.OBJECT),
    CODE(PyValue.Kind.OBJECT),
    /** A function bound to an object ({@code PyMethod_Type}). */
    METHOD(PyValue.Kind.OBJECT),
    /** A function or method written in C ({@code PyCFunction_Type}). */
    BUILTIN_FUNCTION(PyValue.Kind.OBJECT),
    OTHER(PyValue.Kind.OBJECT);

    private final PyValue.Kind valueKind;

    BuiltinKind(PyValue.Kind valueKind) {
        this.valueKind = valueKind;
    }

    public PyValue.Kind valueKind() {
        return valueKind;
    }
}
