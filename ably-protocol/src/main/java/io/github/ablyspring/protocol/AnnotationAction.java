package io.github.ablyspring.protocol;

/** The action of an {@link Annotation} (TAN2b). Unknown codes read as {@link #UNKNOWN}. */
public enum AnnotationAction {

	ANNOTATION_CREATE(0), ANNOTATION_DELETE(1),

	/** A code this library does not know yet (RSF1). */
	UNKNOWN(-1);

	private final int code;

	AnnotationAction(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static AnnotationAction fromCode(long code) {
		return code == 0 ? ANNOTATION_CREATE : code == 1 ? ANNOTATION_DELETE : UNKNOWN;
	}
}
