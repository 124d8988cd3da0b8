/**
 * The target's objects, read from its memory by one version's {@code Layout.Objects}: one reader
 * per kind of object, each bounded so that garbage yields a
 * {@link dev.pyprobe.reader.MemoryReadException}, never a hang.
 *
 * <ul>
 *   <li>{@link dev.pyprobe.reader.python.objects.ObjectHeap}: builds the readers below for one
 *       target and hands them out; {@code utf8Address} stays on it for the trace package.</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.TypeCache}: which builtin kind an object is (by
 *       its type's address, see {@link dev.pyprobe.reader.python.objects.BuiltinKind}), None, and
 *       each type's {@link dev.pyprobe.reader.python.objects.TypeInfo}, cached; type names through
 *       {@code CStrings}.</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.StringReader}: str, bytes and Python 2 unicode by
 *       the string model (Python 2, or PEP 393 with the header sizes the layout gives).</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.NumberReader}: int, bool and float by the int model.</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.SequenceReader} (tuple, list),
 *       {@link dev.pyprobe.reader.python.objects.SetReader} (set, frozenset, dropping the dummies of
 *       deleted slots) and {@link dev.pyprobe.reader.python.objects.DictReader} (dict entries as
 *       {@link dev.pyprobe.reader.python.objects.DictEntry}s through the storage format of
 *       {@code DictLayouts}, and lookup of a str key).</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.InstanceAttributes}: an instance's attributes, by
 *       the attribute model (dict at {@code tp_dictoffset}, managed dict, split or inline values).</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.ObjectLinks}: a function's code, the function a
 *       classmethod or staticmethod wraps, a class's and a module's dict, a cell's value.</li>
 *   <li>{@link dev.pyprobe.reader.python.objects.ValueRenderer} turns an address into a
 *       {@link dev.pyprobe.reader.python.PyValue} (repr-like text through {@code PythonRepr}, in the
 *       version's repr style, bounded by {@link dev.pyprobe.reader.python.objects.ReadLimits});
 *       modules, functions, classes, methods and other objects read as their repr would through
 *       {@code ObjectReprs}, classes named as {@code object.__repr__} names them by {@code ClassNames};
 *       {@link dev.pyprobe.reader.python.objects.ValueLookup} answers {@code obj.attr} and
 *       {@code container[key]}.</li>
 * </ul>
 *
 * <p>Version facts are not here but in the layout: the models name how a kind of object is
 * decoded, the layout's numbers where its fields are. What stays in code are the fields every
 * supported version shares ({@code ObjectHeader}, {@code PyTypeObject}'s, a model's own).
 */
package dev.pyprobe.reader.python.objects;
