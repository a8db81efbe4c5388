package dev.jcoro.processor.analysis;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.Messages;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The walk over a coroutine body that {@link NameResolution} resolves names with: it visits each
 * construct's parts in the context Java reads them in (a variable, a type, a qualifier that may
 * be either, a package), and opens and closes the body's scopes as Java does, pattern variables'
 * flow scoping included (JLS 6.3.1).
 */
final class NameScanner extends TreeScanner<Void, Void> {
  /** How a name is read where it stands (JLS 6.5.1). */
  enum Context {
    /** A variable (or the receiver). */
    EXPRESSION,
    /** Before a dot in an expression: a variable, else a type, else a package (JLS 6.5.2). */
    AMBIGUOUS,
    TYPE,
    /** Before a dot in a type: a type, else a package. */
    PACKAGE_OR_TYPE
  }

  private final NameResolution resolution;
  private final BodyScopes scopes;
  private final Names names;
  private Context context = Context.EXPRESSION;
  /** Inside a binding pattern: its variables are declared by the flow rules, not where they stand. */
  private boolean inPattern;

  NameScanner(NameResolution resolution, BodyScopes scopes, Names names) {
    this.resolution = resolution;
    this.scopes = scopes;
    this.names = names;
  }

  private void in(Context inner, Tree tree) {
    Context saved = context;
    context = inner;
    try {
      scan(tree, null);
    } finally {
      context = saved;
    }
  }

  private void in(Context inner, Iterable<? extends Tree> trees) {
    if (trees != null) {
      for (Tree tree : trees) {
        in(inner, tree);
      }
    }
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    resolution.resolveIdentifier(node, context);
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    String identifier = node.getIdentifier().toString();
    ExpressionTree expression = node.getExpression();
    switch (identifier) {
      case "this": {
        in(Context.TYPE, expression);
        TypeElement type = resolution.typeOf(expression);
        if (type != null) {
          int depth = names.enclosingTypes().indexOf(type);
          if (depth == 0 && names.isInstance()) {
            resolution.put(node, new NameResolution.Receiver());
          } else if (depth > 0) {
            resolution.reportOnce(node, type, Messages.OUTER_INSTANCE_MEMBER);
          }
        }
        return null;
      }
      case "class":
        in(Context.TYPE, expression);
        return null;
      case "super":
        in(Context.TYPE, expression);
        if (!scopes.inNestedBody()) {
          resolution.report(node, Messages.SUPER_REFERENCE);
        }
        return null;
      default:
        break;
    }
    boolean typeContext = context == Context.TYPE || context == Context.PACKAGE_OR_TYPE;
    in(typeContext ? Context.PACKAGE_OR_TYPE : Context.AMBIGUOUS, expression);
    TypeElement owner = resolution.ownerOf(expression);
    if (owner == null && !typeContext && !scopes.inClassBody() && names.mayBeUnreachable(identifier)
        && !resolution.isPackageName(expression)) {
      // `other.secret`: a private field of another instance of the class.
      owner = resolution.typeOfValue(expression);
    }
    if (owner != null) {
      // A member named through its class: the generated class must reach it too.
      Element member = typeContext ? names.memberTypeOf(owner, identifier)
          : names.fieldOf(owner, identifier);
      if (member == null && !typeContext) {
        member = names.memberTypeOf(owner, identifier);
      }
      if (member != null) {
        resolution.reachable(node, member);
      }
    }
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    in(Context.TYPE, node.getTypeArguments());
    // The arguments first: an overload's reachability may depend on their types.
    in(Context.EXPRESSION, node.getArguments());
    ExpressionTree select = node.getMethodSelect();
    if (select instanceof IdentifierTree) {
      resolution.resolveMethod((IdentifierTree) select, node.getArguments());
    } else if (select instanceof MemberSelectTree) {
      MemberSelectTree member = (MemberSelectTree) select;
      in(Context.AMBIGUOUS, member.getExpression());
      TypeElement owner = resolution.ownerOf(member.getExpression());
      if (owner == null && !scopes.inClassBody()
          && names.mayBeUnreachable(member.getIdentifier().toString())
          && !resolution.isPackageName(member.getExpression())) {
        owner = resolution.typeOfValue(member.getExpression());
      }
      if (owner != null) {
        resolution.reachableOverloads(member,
            names.methodsOf(owner, member.getIdentifier().toString()), node.getArguments());
      }
    } else {
      in(Context.EXPRESSION, select);
    }
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    in(Context.EXPRESSION, node.getEnclosingExpression());
    in(Context.TYPE, node.getTypeArguments());
    in(Context.TYPE, node.getIdentifier());
    in(Context.EXPRESSION, node.getArguments());
    Tree created = node.getIdentifier() instanceof ParameterizedTypeTree
        ? ((ParameterizedTypeTree) node.getIdentifier()).getType()
        : node.getIdentifier();
    TypeElement type = resolution.elementOf(created);
    if (type != null && !scopes.inClassBody() && names.isReachable(type)) {
      // A private constructor the call may choose can't be called from the generated class.
      resolution.reachableOverloads(node,
          javax.lang.model.util.ElementFilter.constructorsIn(type.getEnclosedElements()),
          node.getArguments());
    }
    if (node.getEnclosingExpression() == null && type != null && Names.isInner(type)) {
      innerCreation(node, type);
    }
    if (node.getClassBody() != null) {
      List<Tree> supertypes = new ArrayList<>();
      supertypes.add(node.getIdentifier());
      classBody(node.getClassBody(), supertypes);
    }
    return null;
  }

  /** {@code new Inner()}: its enclosing instance is the innermost one of a class that has it. */
  private void innerCreation(NewClassTree node, TypeElement inner) {
    List<TypeElement> enclosing = names.enclosingTypes();
    for (int depth = 0; depth < enclosing.size(); depth++) {
      TypeElement member = names.memberTypeOf(enclosing.get(depth), inner.getSimpleName().toString());
      if (inner.equals(member)) {
        if (depth == 0 && names.isInstance()) {
          resolution.put(node, new NameResolution.InnerCreation(inner.getSimpleName().toString()));
        } else if (names.isInstance()) {
          resolution.reportOnce(node, inner, Messages.OUTER_INSTANCE_MEMBER);
        } else {
          resolution.fail();
        }
        return;
      }
    }
  }

  @Override
  public Void visitNewArray(NewArrayTree node, Void unused) {
    in(Context.TYPE, node.getType());
    in(Context.EXPRESSION, node.getDimensions());
    in(Context.EXPRESSION, node.getInitializers());
    return null;
  }

  @Override
  public Void visitTypeCast(TypeCastTree node, Void unused) {
    in(Context.TYPE, node.getType());
    in(Context.EXPRESSION, node.getExpression());
    return null;
  }

  @Override
  public Void visitInstanceOf(InstanceOfTree node, Void unused) {
    in(Context.EXPRESSION, node.getExpression());
    pattern(node.getPattern() != null ? node.getPattern() : node.getType());
    return null;
  }

  /** A pattern: its types are types, and its variables are declared by the flow rules. */
  private void pattern(Tree pattern) {
    boolean saved = inPattern;
    inPattern = true;
    try {
      in(Context.TYPE, pattern);
    } finally {
      inPattern = saved;
    }
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    annotations(node.getModifiers());
    in(Context.TYPE, node.getType());
    if (!inPattern) {
      in(Context.EXPRESSION, node.getInitializer());
    }
    return null;
  }

  @Override
  public Void visitParameterizedType(ParameterizedTypeTree node, Void unused) {
    in(Context.TYPE, node.getType());
    in(Context.TYPE, node.getTypeArguments());
    return null;
  }

  @Override
  public Void visitArrayType(ArrayTypeTree node, Void unused) {
    in(Context.TYPE, node.getType());
    return null;
  }

  @Override
  public Void visitWildcard(WildcardTree node, Void unused) {
    in(Context.TYPE, node.getBound());
    return null;
  }

  @Override
  public Void visitUnionType(UnionTypeTree node, Void unused) {
    in(Context.TYPE, node.getTypeAlternatives());
    return null;
  }

  @Override
  public Void visitIntersectionType(IntersectionTypeTree node, Void unused) {
    in(Context.TYPE, node.getBounds());
    return null;
  }

  @Override
  public Void visitTypeParameter(TypeParameterTree node, Void unused) {
    in(Context.TYPE, node.getAnnotations());
    in(Context.TYPE, node.getBounds());
    return null;
  }

  @Override
  public Void visitAnnotation(AnnotationTree node, Void unused) {
    in(Context.TYPE, node.getAnnotationType());
    for (ExpressionTree argument : node.getArguments()) {
      // `name = value`: the element's name is not a variable.
      in(Context.EXPRESSION, argument instanceof AssignmentTree
          ? ((AssignmentTree) argument).getExpression() : argument);
    }
    return null;
  }

  private void annotations(ModifiersTree modifiers) {
    if (modifiers != null) {
      in(Context.TYPE, modifiers.getAnnotations());
    }
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree node, Void unused) {
    in(Context.AMBIGUOUS, node.getQualifierExpression());
    in(Context.TYPE, node.getTypeArguments());
    TypeElement owner = resolution.ownerOf(node.getQualifierExpression());
    String name = node.getName().toString();
    if (owner != null && !name.equals("<init>")) {
      // Which overload a method reference means depends on its target type, which is not
      // read here: one the generated class can't reach might be the one.
      for (ExecutableElement candidate : names.methodsOf(owner, name)) {
        if (!resolution.reachable(node, candidate)) {
          break;
        }
      }
    }
    return null;
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    scopes.nested(() -> {
      BodyScopes.Frame frame = scopes.push(BodyScopes.Kind.METHOD);
      try {
        for (VariableTree parameter : node.getParameters()) {
          scan(parameter, null);
          frame.variables.put(parameter.getName().toString(), parameter);
        }
        in(Context.EXPRESSION, node.getBody());
      } finally {
        scopes.pop();
      }
    });
    return null;
  }

  // ------------------------------------------------------------ classes in the body

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    // A local class declaration; its name was declared by the enclosing block.
    List<Tree> supertypes = new ArrayList<>();
    if (node.getExtendsClause() != null) {
      supertypes.add(node.getExtendsClause());
    }
    supertypes.addAll(node.getImplementsClause());
    scopes.nested(() -> {
      BodyScopes.Frame typeParameters = scopes.push(BodyScopes.Kind.METHOD);
      try {
        node.getTypeParameters()
            .forEach(p -> typeParameters.typeVariables.add(p.getName().toString()));
        annotations(node.getModifiers());
        in(Context.TYPE, node.getTypeParameters());
      } finally {
        scopes.pop();
      }
    });
    classBody(node, supertypes);
    return null;
  }

  /** A class body: its members' names shadow outer ones; its supertypes' members too. */
  private void classBody(ClassTree body, List<Tree> supertypeTrees) {
    scopes.classBody(() -> classMembers(body, supertypeTrees));
  }

  private void classMembers(ClassTree body, List<Tree> supertypeTrees) {
    BodyScopes.Frame frame = scopes.push(BodyScopes.Kind.CLASS_BODY);
    try {
      body.getTypeParameters().forEach(p -> frame.typeVariables.add(p.getName().toString()));
      in(Context.TYPE, supertypeTrees);
      frame.supertypes.addAll(resolution.supertypesOf(body.getKind(), supertypeTrees));
      for (Tree member : body.getMembers()) {
        if (member instanceof VariableTree) {
          String name = ((VariableTree) member).getName().toString();
          frame.variables.put(name, member);
          if (body.getKind() == Tree.Kind.RECORD) {
            frame.methods.add(name);
          }
        } else if (member instanceof MethodTree) {
          frame.methods.add(((MethodTree) member).getName().toString());
        } else if (member instanceof ClassTree) {
          frame.types.put(((ClassTree) member).getSimpleName().toString(), (ClassTree) member);
        }
      }
      if (body.getKind() == Tree.Kind.ENUM) {
        frame.methods.add("values");
        frame.methods.add("valueOf");
      }
      for (Tree member : body.getMembers()) {
        if (member instanceof VariableTree) {
          VariableTree field = (VariableTree) member;
          annotations(field.getModifiers());
          in(Context.TYPE, field.getType());
          in(Context.EXPRESSION, field.getInitializer());
        } else {
          scan(member, null);
        }
      }
    } finally {
      scopes.pop();
    }
  }

  @Override
  public Void visitMethod(MethodTree node, Void unused) {
    BodyScopes.Frame frame = scopes.push(BodyScopes.Kind.METHOD);
    try {
      node.getTypeParameters().forEach(p -> frame.typeVariables.add(p.getName().toString()));
      annotations(node.getModifiers());
      in(Context.TYPE, node.getTypeParameters());
      in(Context.TYPE, node.getReturnType());
      for (VariableTree parameter : node.getParameters()) {
        scan(parameter, null);
        frame.variables.put(parameter.getName().toString(), parameter);
      }
      in(Context.TYPE, node.getThrows());
      in(Context.EXPRESSION, node.getDefaultValue());
      scan(node.getBody(), null);
    } finally {
      scopes.pop();
    }
    return null;
  }

  // ------------------------------------------------------------ statements and scopes

  @Override
  public Void visitBlock(BlockTree node, Void unused) {
    scopes.push(BodyScopes.Kind.BLOCK);
    try {
      statements(node.getStatements());
    } finally {
      scopes.pop();
    }
    return null;
  }

  /** A block's statements: each declaration is in scope from itself to the end. */
  private void statements(List<? extends StatementTree> statements) {
    for (StatementTree statement : statements) {
      if (statement instanceof VariableTree) {
        scopes.declare((VariableTree) statement);
      } else if (statement instanceof ClassTree) {
        scopes.declareType((ClassTree) statement);
      }
      in(Context.EXPRESSION, statement);
      scopes.declareAll(PatternBindings.introducedAfter(statement));
    }
  }

  @Override
  public Void visitIf(IfTree node, Void unused) {
    in(Context.EXPRESSION, node.getCondition());
    scopes.withBindings(node.getCondition(), true, () -> in(Context.EXPRESSION, node.getThenStatement()));
    scopes.withBindings(node.getCondition(), false, () -> in(Context.EXPRESSION, node.getElseStatement()));
    return null;
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree node, Void unused) {
    in(Context.EXPRESSION, node.getCondition());
    scopes.withBindings(node.getCondition(), true, () -> in(Context.EXPRESSION, node.getStatement()));
    return null;
  }

  @Override
  public Void visitForLoop(ForLoopTree node, Void unused) {
    scopes.push(BodyScopes.Kind.BLOCK);
    try {
      for (StatementTree init : node.getInitializer()) {
        if (init instanceof VariableTree) {
          scopes.declare((VariableTree) init);
        }
        in(Context.EXPRESSION, init);
      }
      in(Context.EXPRESSION, node.getCondition());
      Runnable rest = () -> {
        in(Context.EXPRESSION, node.getUpdate());
        in(Context.EXPRESSION, node.getStatement());
      };
      if (node.getCondition() == null) {
        rest.run();
      } else {
        scopes.withBindings(node.getCondition(), true, rest);
      }
    } finally {
      scopes.pop();
    }
    return null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    in(Context.EXPRESSION, node.getExpression());
    scopes.push(BodyScopes.Kind.BLOCK);
    try {
      scan(node.getVariable(), null);
      scopes.declare(node.getVariable());
      in(Context.EXPRESSION, node.getStatement());
    } finally {
      scopes.pop();
    }
    return null;
  }

  @Override
  public Void visitBinary(BinaryTree node, Void unused) {
    in(Context.EXPRESSION, node.getLeftOperand());
    if (node.getKind() == Tree.Kind.CONDITIONAL_AND) {
      scopes.withBindings(node.getLeftOperand(), true,
          () -> in(Context.EXPRESSION, node.getRightOperand()));
    } else if (node.getKind() == Tree.Kind.CONDITIONAL_OR) {
      scopes.withBindings(node.getLeftOperand(), false,
          () -> in(Context.EXPRESSION, node.getRightOperand()));
    } else {
      in(Context.EXPRESSION, node.getRightOperand());
    }
    return null;
  }

  @Override
  public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
    in(Context.EXPRESSION, node.getCondition());
    scopes.withBindings(node.getCondition(), true,
        () -> in(Context.EXPRESSION, node.getTrueExpression()));
    scopes.withBindings(node.getCondition(), false,
        () -> in(Context.EXPRESSION, node.getFalseExpression()));
    return null;
  }

  @Override
  public Void visitTry(TryTree node, Void unused) {
    scopes.push(BodyScopes.Kind.BLOCK);
    try {
      for (Tree resource : node.getResources()) {
        if (resource instanceof VariableTree) {
          scopes.declare((VariableTree) resource);
        }
        in(Context.EXPRESSION, resource);
      }
      scan(node.getBlock(), null);
    } finally {
      scopes.pop();
    }
    for (CatchTree clause : node.getCatches()) {
      scopes.push(BodyScopes.Kind.BLOCK);
      try {
        scan(clause.getParameter(), null);
        scopes.declare(clause.getParameter());
        scan(clause.getBlock(), null);
      } finally {
        scopes.pop();
      }
    }
    scan(node.getFinallyBlock(), null);
    return null;
  }

  @Override
  public Void visitSwitch(SwitchTree node, Void unused) {
    switchBlock(node.getExpression(), node.getCases());
    return null;
  }

  @Override
  public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
    switchBlock(node.getExpression(), node.getCases());
    return null;
  }

  /**
   * A switch: one scope for the whole block (a local of one case group is in scope in the
   * next); each case's pattern variables in scope in its guard and body.
   */
  private void switchBlock(ExpressionTree selector, List<? extends CaseTree> cases) {
    in(Context.EXPRESSION, selector);
    Boolean isEnum = selectorIsEnum(selector);
    scopes.push(BodyScopes.Kind.BLOCK);
    try {
      for (CaseTree c : cases) {
        BodyScopes.Frame caseFrame = scopes.push(BodyScopes.Kind.BLOCK);
        try {
          for (CaseLabels.Label label : CaseLabels.of(c)) {
            if (label.kind() == CaseLabels.Kind.PATTERN) {
              pattern(label.tree());
              PatternBindings.inPattern(label.tree())
                  .forEach(v -> caseFrame.variables.put(v.getName().toString(), v));
            } else if (label.kind() == CaseLabels.Kind.CONSTANT) {
              boolean enumConstant = label.tree() instanceof IdentifierTree
                  && isEnumConstantLabel((IdentifierTree) label.tree(), isEnum);
              if (!enumConstant) {
                in(Context.EXPRESSION, label.tree());
              }
            }
          }
          in(Context.EXPRESSION, CaseLabels.guard(c));
          if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            in(Context.EXPRESSION, c.getBody());
          }
        } finally {
          scopes.pop();
        }
        if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
          // Statements of a case group share the switch block's scope, and its patterns'.
          scopes.top().variables.putAll(caseFrame.variables);
          statements(c.getStatements());
        }
      }
    } finally {
      scopes.pop();
    }
  }

  @Override
  public Void visitCase(CaseTree node, Void unused) {
    throw new AssertionError("cases are scanned with their switch");
  }

  @Override
  public Void visitLiteral(LiteralTree node, Void unused) {
    return null;
  }

  // ------------------------------------------------------------ switch labels

  /** Whether a switch's selector is of an enum type: TRUE, FALSE, or null when unknown. */
  private Boolean selectorIsEnum(ExpressionTree selector) {
    TypeMirror type = resolution.expressionTypes().typeOf(selector);
    if (type == null) {
      return null;
    }
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM;
  }

  /**
   * Whether a bare name in a case label is an enum constant, which Java resolves against the
   * selector's enum and which must stay unqualified, rather than a constant variable.
   */
  private boolean isEnumConstantLabel(IdentifierTree label, Boolean selectorIsEnum) {
    if (selectorIsEnum != null) {
      return selectorIsEnum;
    }
    String name = label.getName().toString();
    BodyScopes.Found local = scopes.variable(name);
    if (local != null && local.declaration() instanceof VariableTree) {
      VariableTree variable = (VariableTree) local.declaration();
      return !(variable.getModifiers().getFlags().contains(Modifier.FINAL)
          && variable.getInitializer() != null);
    }
    Names.Field field = names.field(name);
    return field == null || field.element().getConstantValue() == null;
  }
}
