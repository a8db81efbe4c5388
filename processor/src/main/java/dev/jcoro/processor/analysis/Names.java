package dev.jcoro.processor.analysis;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What a simple name means where a coroutine body stands, outside the body itself: a member of the
 * classes around it (declared or inherited), a statically imported member, a type (a member type,
 * an import, the package, {@code java.lang}) or a type variable. Java's rules of JLS 6.4 and 6.5,
 * answered from {@code javax.lang.model}: the generated class stands elsewhere, so it must write
 * each of these names by what it denotes, not by its spelling.
 */
public final class Names {
  /** A field found by simple name: where, and through which class the lookup found it. */
  public record Field(VariableElement element, TypeElement searchClass, int depth,
      boolean staticImport) {
    public boolean isStatic() {
      return element.getModifiers().contains(Modifier.STATIC);
    }
  }

  /**
   * The methods a call by simple name chooses from (JLS 15.12.1): those named so in the innermost
   * enclosing class that has one, or those a static import brings in.
   */
  public record Methods(List<ExecutableElement> candidates, TypeElement searchClass, int depth,
      boolean staticImport) {}

  /**
   * The members of classes by simple name, declared or inherited. Shared by the coroutines of a
   * round: the lookups repeat, and {@link Elements#getAllMembers} builds a new list at every call.
   */
  public static final class MemberIndex {
    private final Elements elements;
    private final Map<TypeElement, Map<String, List<Element>>> byType = new HashMap<>();

    public MemberIndex(Elements elements) {
      this.elements = elements;
    }

    /** The members named {@code name} of {@code type}, inherited ones included. */
    public List<Element> members(TypeElement type, String name) {
      return byType.computeIfAbsent(type, this::index).getOrDefault(name, List.of());
    }

    private Map<String, List<Element>> index(TypeElement type) {
      Map<String, List<Element>> members = new LinkedHashMap<>();
      for (Element member : elements.getAllMembers(type)) {
        members.computeIfAbsent(member.getSimpleName().toString(), n -> new ArrayList<>())
            .add(member);
      }
      return members;
    }
  }

  private final Elements elements;
  private final MemberIndex members;
  private final CoroutineMethod method;
  /** The classes around the body, innermost first. */
  private final List<TypeElement> enclosing = new ArrayList<>();
  private final PackageElement pkg;
  private final ModuleElement module;
  private final Map<String, String> singleTypeImports = new HashMap<>();
  private final List<String> onDemandImports = new ArrayList<>();
  /** {@code import static a.B.name;}: the classes each name is imported from. */
  private final Map<String, List<String>> singleStaticImports = new HashMap<>();
  private final List<String> staticOnDemandImports = new ArrayList<>();
  private final Set<String> typeVariables = new HashSet<>();

  public Names(CoroutineMethod method, CompilationUnitTree unit, Elements elements,
      MemberIndex members) {
    this.elements = elements;
    this.members = members;
    this.method = method;
    for (Element type = method.enclosingType(); type instanceof TypeElement;
        type = type.getEnclosingElement()) {
      enclosing.add((TypeElement) type);
    }
    this.pkg = elements.getPackageOf(method.enclosingType());
    this.module = elements.getModuleOf(method.enclosingType());
    for (ImportTree tree : unit.getImports()) {
      Tree identifier = tree.getQualifiedIdentifier();
      if (!(identifier instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree imported = (MemberSelectTree) identifier;
      String container = imported.getExpression().toString();
      String simple = imported.getIdentifier().toString();
      if (tree.isStatic()) {
        if (simple.equals("*")) {
          staticOnDemandImports.add(container);
        } else {
          singleStaticImports.computeIfAbsent(simple, s -> new ArrayList<>()).add(container);
        }
      } else if (simple.equals("*")) {
        onDemandImports.add(container);
      } else {
        singleTypeImports.put(simple, imported.toString());
      }
    }
    onDemandImports.add("java.lang");
    for (TypeParameterElement variable : method.element().getTypeParameters()) {
      typeVariables.add(variable.getSimpleName().toString());
    }
    if (method.isInstance()) {
      // An instance method sees the type variables of its class and of every class whose
      // instance encloses it.
      for (TypeElement type : enclosing) {
        type.getTypeParameters().forEach(v -> typeVariables.add(v.getSimpleName().toString()));
        if (!isInner(type)) {
          break;
        }
      }
    }
  }

  /** Whether instances of {@code type} have an enclosing instance. */
  public static boolean isInner(TypeElement type) {
    return type.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getEnclosingElement().getKind().isClass()
        && type.getEnclosingElement().getKind() != ElementKind.RECORD
        && type.getEnclosingElement().getKind() != ElementKind.ENUM;
  }

  /** The classes around the body, innermost first. */
  public List<TypeElement> enclosingTypes() {
    return enclosing;
  }

  public Elements elements() {
    return elements;
  }

  /** Whether {@code name} is a type variable the body can use. */
  public boolean isTypeVariable(String name) {
    return typeVariables.contains(name);
  }

  /** The field a simple expression name denotes outside the body, or null. */
  public Field field(String name) {
    for (int depth = 0; depth < enclosing.size(); depth++) {
      VariableElement field = fieldOf(enclosing.get(depth), name);
      if (field != null) {
        return new Field(field, enclosing.get(depth), depth, false);
      }
    }
    for (String owner : singleStaticImports.getOrDefault(name, List.of())) {
      VariableElement field = staticFieldOf(owner, name);
      if (field != null) {
        return new Field(field, (TypeElement) field.getEnclosingElement(), -1, true);
      }
    }
    for (String owner : staticOnDemandImports) {
      VariableElement field = staticFieldOf(owner, name);
      if (field != null) {
        return new Field(field, (TypeElement) field.getEnclosingElement(), -1, true);
      }
    }
    return null;
  }

  private VariableElement staticFieldOf(String owner, String name) {
    TypeElement type = typeElement(owner);
    if (type == null) {
      return null;
    }
    VariableElement field = fieldOf(type, name);
    return field != null && field.getModifiers().contains(Modifier.STATIC) ? field : null;
  }

  /**
   * The field named {@code name} that a lookup in {@code type} finds: its own, or the one it
   * inherits from the nearest supertype (a field hides those of supertypes).
   */
  public VariableElement fieldOf(TypeElement type, String name) {
    Deque<TypeElement> work = new ArrayDeque<>(List.of(type));
    Set<TypeElement> seen = new HashSet<>();
    while (!work.isEmpty()) {
      TypeElement current = work.removeFirst();
      if (!seen.add(current)) {
        continue;
      }
      for (VariableElement field : ElementFilter.fieldsIn(current.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals(name)
            && (current == type || isInheritedFrom(field, type))) {
          return field;
        }
      }
      supertypes(current).forEach(work::addLast);
    }
    return null;
  }

  /** The methods a call {@code name(...)} by simple name chooses from, or null. */
  public Methods methods(String name) {
    for (int depth = 0; depth < enclosing.size(); depth++) {
      List<ExecutableElement> found = methodsOf(enclosing.get(depth), name);
      if (!found.isEmpty()) {
        return new Methods(found, enclosing.get(depth), depth, false);
      }
    }
    List<ExecutableElement> imported = new ArrayList<>();
    TypeElement owner = null;
    for (String container : singleStaticImports.getOrDefault(name, List.of())) {
      TypeElement type = typeElement(container);
      if (type != null) {
        for (ExecutableElement candidate : methodsOf(type, name)) {
          if (candidate.getModifiers().contains(Modifier.STATIC)) {
            imported.add(candidate);
            owner = owner == null ? type : owner;
          }
        }
      }
    }
    if (imported.isEmpty()) {
      for (String container : staticOnDemandImports) {
        TypeElement type = typeElement(container);
        if (type != null) {
          for (ExecutableElement candidate : methodsOf(type, name)) {
            if (candidate.getModifiers().contains(Modifier.STATIC)) {
              imported.add(candidate);
              owner = owner == null ? type : owner;
            }
          }
        }
      }
    }
    return imported.isEmpty() ? null : new Methods(imported, owner, -1, true);
  }

  /** The methods named {@code name} that {@code type} declares or inherits. */
  public List<ExecutableElement> methodsOf(TypeElement type, String name) {
    List<ExecutableElement> found = new ArrayList<>();
    for (Element member : members.members(type, name)) {
      if (member.getKind() == ElementKind.METHOD) {
        found.add((ExecutableElement) member);
      }
    }
    return found;
  }

  /**
   * The type a simple type name denotes outside the body, or null: a member type of an enclosing
   * class (declared or inherited), then a single-type import or a class of this file, then a
   * class of the package, then an on-demand import ({@code java.lang} included).
   */
  public TypeElement type(String name) {
    for (TypeElement type : enclosing) {
      TypeElement member = memberTypeOf(type, name);
      if (member != null) {
        return member;
      }
    }
    String imported = singleTypeImports.get(name);
    if (imported != null) {
      TypeElement type = typeElement(imported);
      if (type != null) {
        return type;
      }
    }
    for (String owner : singleStaticImports.getOrDefault(name, List.of())) {
      TypeElement container = typeElement(owner);
      TypeElement member = container == null ? null : memberTypeOf(container, name);
      if (member != null && member.getModifiers().contains(Modifier.STATIC)) {
        return member;
      }
    }
    TypeElement inPackage = typeElement(pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name);
    if (inPackage != null) {
      return inPackage;
    }
    for (String container : onDemandImports) {
      TypeElement type = typeElement(container + "." + name);
      if (type != null) {
        return type;
      }
      TypeElement owner = typeElement(container);
      TypeElement member = owner == null ? null : memberTypeOf(owner, name);
      if (member != null) {
        return member;
      }
    }
    for (String owner : staticOnDemandImports) {
      TypeElement container = typeElement(owner);
      TypeElement member = container == null ? null : memberTypeOf(container, name);
      if (member != null && member.getModifiers().contains(Modifier.STATIC)) {
        return member;
      }
    }
    return null;
  }

  /** The member type named {@code name} of {@code type}, declared or inherited, or null. */
  public TypeElement memberTypeOf(TypeElement type, String name) {
    Deque<TypeElement> work = new ArrayDeque<>(List.of(type));
    Set<TypeElement> seen = new HashSet<>();
    while (!work.isEmpty()) {
      TypeElement current = work.removeFirst();
      if (!seen.add(current)) {
        continue;
      }
      for (TypeElement member : ElementFilter.typesIn(current.getEnclosedElements())) {
        if (member.getSimpleName().contentEquals(name)
            && (current == type || isInheritedFrom(member, type))) {
          return member;
        }
      }
      supertypes(current).forEach(work::addLast);
    }
    return null;
  }

  /** A type by canonical name, in the module of the coroutine's class first. */
  public TypeElement typeElement(String canonicalName) {
    TypeElement type = module == null ? null : elements.getTypeElement(module, canonicalName);
    return type != null ? type : elements.getTypeElement(canonicalName);
  }

  /** Whether {@code member} of a supertype is inherited by {@code type} (JLS 8.2, 8.4.8). */
  private boolean isInheritedFrom(Element member, TypeElement type) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    if (modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)) {
      return true;
    }
    return elements.getPackageOf(member).equals(elements.getPackageOf(type));
  }

  /** The direct supertypes of {@code type} as elements: its superclass, then its interfaces. */
  public static List<TypeElement> supertypes(TypeElement type) {
    List<TypeElement> supertypes = new ArrayList<>();
    addElement(type.getSuperclass(), supertypes);
    for (TypeMirror implemented : type.getInterfaces()) {
      addElement(implemented, supertypes);
    }
    return supertypes;
  }

  private static void addElement(TypeMirror type, List<TypeElement> into) {
    if (type.getKind() == TypeKind.DECLARED) {
      into.add((TypeElement) ((DeclaredType) type).asElement());
    }
  }

  /**
   * Whether the generated class, another class of the same package, can reach {@code member}
   * written {@code owner.name} or {@code self.name}: not private, and not protected in a class of
   * another package (the generated class is not a subclass).
   */
  public boolean isReachable(Element member) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    if (modifiers.contains(Modifier.PUBLIC) || member.getEnclosingElement() == null) {
      return true;
    }
    Element owner = member.getEnclosingElement();
    if (owner instanceof TypeElement && ((TypeElement) owner).getKind().isInterface()) {
      return true;
    }
    return elements.getPackageOf(member).equals(pkg);
  }

  private Set<String> restricted;

  /**
   * Whether a member named {@code name} the generated class can't reach may exist where the body
   * can name it through a value ({@code other.secret}, {@code other.helper()}, {@code new T()}):
   * a private member of a class of the coroutine's top-level class, or a protected member of a
   * supertype from another package. Member names of no such member need no typing of the value.
   */
  public boolean mayBeUnreachable(String name) {
    if (restricted == null) {
      restricted = new HashSet<>();
      TypeElement top = enclosing.get(enclosing.size() - 1);
      collectPrivate(top);
      for (TypeElement type : enclosing) {
        collectProtected(type, new HashSet<>());
      }
    }
    return restricted.contains(name);
  }

  private void collectPrivate(TypeElement type) {
    for (Element member : type.getEnclosedElements()) {
      if (member.getModifiers().contains(Modifier.PRIVATE)) {
        restricted.add(member.getKind() == ElementKind.CONSTRUCTOR
            ? type.getSimpleName().toString() : member.getSimpleName().toString());
      }
      if (member instanceof TypeElement) {
        collectPrivate((TypeElement) member);
      }
    }
  }

  private void collectProtected(TypeElement type, Set<TypeElement> seen) {
    for (TypeElement supertype : supertypes(type)) {
      if (!seen.add(supertype)) {
        continue;
      }
      if (!elements.getPackageOf(supertype).equals(pkg)) {
        for (Element member : supertype.getEnclosedElements()) {
          if (member.getModifiers().contains(Modifier.PROTECTED)) {
            restricted.add(member.getSimpleName().toString());
          }
        }
      }
      collectProtected(supertype, seen);
    }
  }

  /**
   * Whether a class the body declares (an anonymous or local class) inherits {@code member} of
   * one of its supertypes: not private, and package-private only from this package. False for
   * null.
   */
  public boolean inheritedBySubclass(Element member) {
    if (member == null || member.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    Set<Modifier> modifiers = member.getModifiers();
    return modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)
        || member.getEnclosingElement() instanceof TypeElement
        && ((TypeElement) member.getEnclosingElement()).getKind().isInterface()
        || elements.getPackageOf(member).equals(pkg);
  }

  /** Whether the coroutine runs on a receiver. */
  public boolean isInstance() {
    return method.isInstance();
  }
}
