# Sourced by the frontend scripts: puts a Node.js that frontend-deps.sh downloaded
# (only when the system has none recent enough) on PATH.
CREMA_NODE_DIR="${CREMA_NODE_DIR:-$HOME/.local/share/crema/node}"
if [ -x "$CREMA_NODE_DIR/bin/node" ]; then
  export PATH="$CREMA_NODE_DIR/bin:$PATH"
fi
