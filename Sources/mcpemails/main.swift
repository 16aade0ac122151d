print("mcpemails")
